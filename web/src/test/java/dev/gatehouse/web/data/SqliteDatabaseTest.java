package dev.gatehouse.web.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The contract against SQLite in a temp file, plus the SQLite connection settings. */
class SqliteDatabaseTest extends DatabaseContract {
    private final AtomicInteger files = new AtomicInteger();

    private static final RowMapper<String> JOURNAL_MODE = row -> row.getString("journal_mode");
    private static final RowMapper<Integer> FOREIGN_KEYS = row -> row.getInt("foreign_keys");
    private static final RowMapper<Integer> BUSY_TIMEOUT = row -> row.getInt("timeout");

    @Override
    Database open(DatabaseOptions options) {
        return Database.open("jdbc:sqlite:" + tmp.resolve("db" + files.incrementAndGet() + ".sqlite"), null, null, options);
    }

    @Override
    String autoId() {
        return "id INTEGER PRIMARY KEY";
    }

    @Test
    void everyConnectionHasWalBusyTimeoutAndForeignKeys() throws Exception {
        Database db = db();
        assertThat(db.maxPoolSize()).isEqualTo(DatabaseOptions.SQLITE_POOL_SIZE);
        // Each level of settingsOfNestedConnections holds its connection while the next borrows
        // another, so all four pooled connections are checked at once.
        List<String> settings = settingsOfNestedConnections(db, DatabaseOptions.SQLITE_POOL_SIZE);
        assertThat(settings).hasSize(4).containsOnly("wal 1 5000");
    }

    private static List<String> settingsOfNestedConnections(Database db, int depth) {
        return db.queryOne("SELECT j.journal_mode, f.foreign_keys, b.timeout"
                + " FROM pragma_journal_mode() j, pragma_foreign_keys() f, pragma_busy_timeout() b", row -> {
            List<String> out = new ArrayList<>();
            out.add(JOURNAL_MODE.map(row) + " " + FOREIGN_KEYS.map(row) + " " + BUSY_TIMEOUT.map(row));
            if (depth > 1) out.addAll(settingsOfNestedConnections(db, depth - 1));
            return out;
        });
    }

    @Test
    void foreignKeysAreEnforced() throws Exception {
        Database db = db();
        db.update("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
        db.update("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id))");
        assertThatThrownBy(() -> db.insert("INSERT INTO child (parent_id) VALUES (?)", 42))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.isConstraintViolation()).isTrue())
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void inMemoryDatabaseKeepsOneConnection() {
        try (Database db = Database.open("jdbc:sqlite::memory:")) {
            assertThat(db.maxPoolSize()).isEqualTo(1);
            db.update("CREATE TABLE t (n INTEGER)");
            db.update("INSERT INTO t (n) VALUES (?)", 7);
            assertThat(db.queryOne("SELECT n FROM t", N)).isEqualTo(7);
        }
    }

    @Test
    void unreachableDatabaseFailsAtOpen() {
        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + tmp.resolve("no/such/dir/x.db")))
                .isInstanceOf(DataException.class).hasMessageContaining("cannot open database jdbc:sqlite:");
    }
}
