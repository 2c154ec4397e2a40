package dev.gatehouse.web.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsAtSemicolonsEndingALine() {
        String script = """
                -- comment line;
                CREATE TABLE a (
                  s VARCHAR(10) DEFAULT 'x;y'
                );  \r
                INSERT INTO a VALUES ('1'); INSERT INTO a VALUES ('2');
                -- only a comment at the end
                SELECT 1""";
        assertThat(SqlScript.statements(script)).containsExactly(
                "-- comment line;\nCREATE TABLE a (\n  s VARCHAR(10) DEFAULT 'x;y'\n)",
                "INSERT INTO a VALUES ('1'); INSERT INTO a VALUES ('2')",
                "-- only a comment at the end\nSELECT 1");
    }

    @Test
    void blankAndCommentOnlyScriptsHaveNoStatements() {
        assertThat(SqlScript.statements("")).isEmpty();
        assertThat(SqlScript.statements("\n-- nothing;\n  \n;\n")).isEmpty();
    }

    @Test
    void checksumIgnoresLineEndStyle() {
        assertThat(MigrationFile.checksum("a;\r\nb;\r\n")).isEqualTo(MigrationFile.checksum("a;\nb;\n"))
                .isNotEqualTo(MigrationFile.checksum("a;\nb;\nc;\n"));
    }
}
