package dev.gatehouse.web.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements. The rule: a statement ends at a line whose last
 * non-blank character is {@code ;}. A {@code ;} elsewhere in a line (inside a string, between two
 * statements on one line) does not split, and lines starting with {@code --} never end a statement.
 * Statements that are only comments are dropped.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : script.split("\\R", -1)) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && trimmed.endsWith(";")) {
                statement.append(line, 0, line.lastIndexOf(';'));
                add(out, statement);
            } else {
                statement.append(line).append('\n');
            }
        }
        add(out, statement);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String text = statement.toString().strip();
        statement.setLength(0);
        boolean onlyComments = text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
        if (!onlyComments) out.add(text);
    }
}
