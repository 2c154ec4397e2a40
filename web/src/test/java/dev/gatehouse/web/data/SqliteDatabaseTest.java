package dev.gatehouse.web.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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

    @Test
    void concurrentReadThenWriteTransactionsQueueInsteadOfFailing() throws Exception {
        // Deferred transactions would both read, then one would fail with SQLITE_BUSY on its
        // write; IMMEDIATE ones take the lock at BEGIN and wait for it within the busy timeout.
        Database db = db();
        db.update("CREATE TABLE counter (n INTEGER NOT NULL)");
        db.update("INSERT INTO counter (n) VALUES (0)");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        db.transaction(tx -> {
                            int n = tx.queryOne("SELECT n FROM counter", N);
                            tx.update("UPDATE counter SET n = ?", n + 1);
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.queryOne("SELECT n FROM counter", N)).isEqualTo(100);
    }

    @Test
    void migrationsFromAJarOnTheClassPath() throws Exception {
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String dir : List.of("db/", "db/migrations/")) out.putNextEntry(new JarEntry(dir));
            entry(out, "db/migrations/001_create.sql", "CREATE TABLE t (n INTEGER);\n");
            entry(out, "db/migrations/002_fill.sql", "INSERT INTO t (n) VALUES (5);\n");
            entry(out, "db/migrations/sub/003_ignored.sql", "nonsense");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Database db = db();
            assertThat(Migrations.fromClasspath("db/migrations", loader).migrate(db)).containsExactly("001_create.sql", "002_fill.sql");
            assertThat(db.queryOne("SELECT n FROM t", N)).isEqualTo(5);
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws java.io.IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
