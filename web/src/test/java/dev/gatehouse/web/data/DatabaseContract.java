package dev.gatehouse.web.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data helper's behaviour, run against each real database by a subclass. */
abstract class DatabaseContract {
    @TempDir
    Path tmp;

    private final List<Database> opened = new ArrayList<>();

    /** A fresh, empty database. */
    abstract Database open(DatabaseOptions options) throws Exception;

    /** The column definition of an auto-generated integer key named id. */
    abstract String autoId();

    Database db() throws Exception {
        return track(open(DatabaseOptions.defaults()));
    }

    Database track(Database db) {
        opened.add(db);
        return db;
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    record Person(long id, String name, Integer age) {}

    static final RowMapper<String> NAME = row -> row.getString("name");
    static final RowMapper<Integer> N = row -> row.getInt("n");
    static final RowMapper<Integer> AGE = row -> row.getInt("age");
    static final RowMapper<Integer> VERSION = row -> row.getInt("version");
    static final RowMapper<String> CHECKSUM = row -> row.getString("checksum");
    static final RowMapper<String> BODY = row -> row.getString("body");
    static final RowMapper<Person> PERSON = row -> new Person(row.getLong("id"), row.getString("name"), row.getInt("age"));

    private Database withPeople() throws Exception {
        Database db = db();
        db.update("CREATE TABLE people (" + autoId() + ", name VARCHAR(100) NOT NULL UNIQUE, age INTEGER)");
        return db;
    }

    @Test
    void createReadUpdateDelete() throws Exception {
        Database db = withPeople();
        long ann = db.insert("INSERT INTO people (name, age) VALUES (?, ?)", "Ann", 31);
        long bob = db.insert("INSERT INTO people (name, age) VALUES (?, ?)", "Bob", null);
        assertThat(bob).isGreaterThan(ann);

        assertThat(db.query("SELECT id, name, age FROM people ORDER BY name", PERSON))
                .containsExactly(new Person(ann, "Ann", 31), new Person(bob, "Bob", null));
        assertThat(db.queryOne("SELECT id, name, age FROM people WHERE id = ?", PERSON, bob).name()).isEqualTo("Bob");
        assertThat(db.optional("SELECT id, name, age FROM people WHERE name = ?", PERSON, "Nobody")).isEmpty();
        assertThat(db.optional("SELECT id, name, age FROM people WHERE name = ?", PERSON, "Ann")).contains(new Person(ann, "Ann", 31));

        assertThat(db.update("UPDATE people SET age = ? WHERE age IS NULL", 40)).isEqualTo(1);
        assertThat(db.queryOne("SELECT age FROM people WHERE id = ?", AGE, bob)).isEqualTo(40);
        assertThat(db.update("DELETE FROM people WHERE id = ?", ann)).isEqualTo(1);
        assertThat(db.query("SELECT name FROM people", NAME)).containsExactly("Bob");
        assertThat(db.<java.util.Map<String, Object>>queryOne("SELECT id, name FROM people", Row::toMap)).containsOnlyKeys("id", "name").containsEntry("name", "Bob");
    }

    @Test
    void generatedKeysAreTheNewRowsIds() throws Exception {
        Database db = withPeople();
        List<Long> ids = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) ids.add(db.insert("INSERT INTO people (name) VALUES (?)", name));
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        for (int i = 0; i < 3; i++) {
            assertThat(db.queryOne("SELECT name FROM people WHERE id = ?", NAME, ids.get(i)))
                    .isEqualTo(List.of("a", "b", "c").get(i));
        }
    }

    @Test
    void queryOneWantsExactlyOneRow() throws Exception {
        Database db = withPeople();
        assertThatThrownBy(() -> db.queryOne("SELECT id, name, age FROM people", PERSON))
                .isInstanceOf(DataException.class).hasMessageContaining("expected one row, got none");
        db.insert("INSERT INTO people (name) VALUES (?)", "x");
        db.insert("INSERT INTO people (name) VALUES (?)", "y");
        assertThatThrownBy(() -> db.queryOne("SELECT id, name, age FROM people", PERSON))
                .isInstanceOf(DataException.class).hasMessageContaining("got several");
        assertThatThrownBy(() -> db.optional("SELECT id, name, age FROM people", PERSON))
                .isInstanceOf(DataException.class).hasMessageContaining("at most one row");
    }

    @Test
    void valuesAreBoundNeverSpliced() throws Exception {
        Database db = withPeople();
        String hostile = "Robert'); DROP TABLE people; --";
        long id = db.insert("INSERT INTO people (name) VALUES (?)", hostile);
        assertThat(db.queryOne("SELECT name FROM people WHERE id = ?", NAME, id)).isEqualTo(hostile);
        assertThat(db.query("SELECT name FROM people WHERE name = ?", NAME, "' OR '1'='1")).isEmpty();
        assertThatThrownBy(() -> db.query("SELECT name FROM people WHERE name = ?", NAME))
                .isInstanceOf(DataException.class).hasMessageContaining("1 parameter(s), 0 given");
    }

    @Test
    void errorsNameTheSqlButNotTheValues() throws Exception {
        Database db = withPeople();
        db.insert("INSERT INTO people (name) VALUES (?)", "secret-login-4711");
        String sql = "INSERT INTO people (name) VALUES (?)";
        assertThatThrownBy(() -> db.insert(sql, "secret-login-4711"))
                .isInstanceOfSatisfying(DataException.class, e -> {
                    assertThat(e.isConstraintViolation()).isTrue();
                    assertThat(e.sql()).isEqualTo(sql);
                    assertThat(e.getMessage()).contains(sql).doesNotContain("secret-login-4711");
                    for (Throwable t = e.getCause(); t != null; t = t.getCause()) assertThat(String.valueOf(t.getMessage())).doesNotContain("secret-login-4711");
                });
        assertThatThrownBy(() -> db.query("SELECT nope FROM people", PERSON))
                .isInstanceOf(DataException.class).hasMessageContaining("SELECT nope FROM people");
    }

    @Test
    void transactionCommitsWhenTheWorkReturns() throws Exception {
        Database db = withPeople();
        long id = db.inTransaction(tx -> {
            tx.insert("INSERT INTO people (name) VALUES (?)", "a");
            return tx.insert("INSERT INTO people (name) VALUES (?)", "b");
        });
        assertThat(db.query("SELECT name FROM people ORDER BY name", NAME)).containsExactly("a", "b");
        assertThat(db.queryOne("SELECT name FROM people WHERE id = ?", NAME, id)).isEqualTo("b");
    }

    @Test
    void transactionRollsBackAndRethrowsOnAnyException() throws Exception {
        Database db = withPeople();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.insert("INSERT INTO people (name) VALUES (?)", "a");
            db.update("INSERT INTO people (name) VALUES (?)", "b"); // a plain db call on this thread joins too
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.insert("INSERT INTO people (name) VALUES (?)", "c");
            throw new IOException("checked");
        })).isInstanceOf(DataException.class).hasRootCauseInstanceOf(IOException.class);
        assertThat(db.query("SELECT name FROM people", NAME)).isEmpty();
        db.insert("INSERT INTO people (name) VALUES (?)", "after"); // the connection went back clean
        assertThat(db.query("SELECT name FROM people", NAME)).containsExactly("after");
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() throws Exception {
        Database db = withPeople();
        assertThatThrownBy(() -> db.transaction(outer -> {
            outer.insert("INSERT INTO people (name) VALUES (?)", "outer");
            db.transaction(inner -> {
                // sees the outer's uncommitted row: same connection, same transaction
                assertThat(inner.query("SELECT name FROM people", NAME)).containsExactly("outer");
                inner.insert("INSERT INTO people (name) VALUES (?)", "inner");
            });
            throw new IllegalStateException("outer fails after the inner returned");
        })).hasMessage("outer fails after the inner returned");
        assertThat(db.query("SELECT name FROM people", NAME)).isEmpty(); // inner did not commit alone

        db.transaction(outer -> {
            outer.insert("INSERT INTO people (name) VALUES (?)", "x");
            db.transaction(inner -> inner.insert("INSERT INTO people (name) VALUES (?)", "y"));
        });
        assertThat(db.query("SELECT name FROM people ORDER BY name", NAME)).containsExactly("x", "y");
    }

    @Test
    void aCaughtNestedFailureStillRollsBackTheWhole() throws Exception {
        Database db = withPeople();
        assertThatThrownBy(() -> db.transaction(outer -> {
            outer.insert("INSERT INTO people (name) VALUES (?)", "kept?");
            try {
                db.transaction(inner -> {
                    throw new IllegalArgumentException("inner");
                });
            } catch (IllegalArgumentException swallowed) {
                // the caller ignores it, but the transaction is spoiled
            }
        })).isInstanceOf(DataException.class).hasMessageContaining("nested transaction failed");
        assertThat(db.query("SELECT name FROM people", NAME)).isEmpty();
    }

    @Test
    void poolIsBounded() throws Exception {
        Database db = track(open(DatabaseOptions.defaults().withMaxPoolSize(1).withConnectionTimeout(Duration.ofMillis(250))));
        assertThat(db.maxPoolSize()).isEqualTo(1);
        db.update("CREATE TABLE t (n INTEGER)");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread holder = new Thread(() -> {
            try {
                db.transaction(tx -> {
                    tx.update("INSERT INTO t (n) VALUES (?)", 1);
                    holding.countDown();
                    release.await(30, TimeUnit.SECONDS);
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        holder.start();
        try {
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> db.query("SELECT n FROM t", N))
                    .isInstanceOf(DataException.class).hasMessageContaining("no connection").hasMessageContaining("pool of 1");
        } finally {
            release.countDown();
            holder.join(30_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(db.query("SELECT n FROM t", N)).containsExactly(1);
    }

    // ---- migrations ----

    private Path migrations(String... nameAndSql) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        for (int i = 0; i < nameAndSql.length; i += 2) Files.writeString(dir.resolve(nameAndSql[i]), nameAndSql[i + 1]);
        return dir;
    }

    @Test
    void migrationsApplyInOrderOnceEach() throws Exception {
        Database db = db();
        Path dir = migrations(
                "002_add_people.sql", "INSERT INTO people (name) VALUES ('first');\nINSERT INTO people (name) VALUES ('second; not split');\n",
                "001_create_people.sql", "-- the people table\nCREATE TABLE people (\n  " + autoId() + ",\n  name VARCHAR(100) NOT NULL\n);\n");
        assertThat(Migrations.fromDirectory(dir).migrate(db)).containsExactly("001_create_people.sql", "002_add_people.sql");
        assertThat(db.query("SELECT name FROM people ORDER BY id", NAME)).containsExactly("first", "second; not split");
        assertThat(db.<java.util.Map<String, Object>>query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version", Row::toMap))
                .extracting(m -> m.get("name")).containsExactly("001_create_people.sql", "002_add_people.sql");
        assertThat(db.queryOne("SELECT checksum FROM schema_migrations WHERE version = ?", CHECKSUM, 1)).hasSize(64);

        assertThat(Migrations.fromDirectory(dir).migrate(db)).isEmpty(); // re-run skips both
        migrations("003_more.sql", "INSERT INTO people (name) VALUES ('third');");
        assertThat(Migrations.fromDirectory(dir).migrate(db)).containsExactly("003_more.sql");
        assertThat(db.query("SELECT name FROM people", NAME)).hasSize(3);
    }

    @Test
    void migrationsFromTheClassPath() throws Exception {
        Database db = db();
        assertThat(Migrations.fromClasspath("migrations-test").migrate(db)).containsExactly("001_create_notes.sql", "002_seed_notes.sql");
        assertThat(db.queryOne("SELECT body FROM notes WHERE id = ?", BODY, 1)).isEqualTo("first; with a semicolon inside");
    }

    @Test
    void aChangedAppliedMigrationIsRefused() throws Exception {
        Database db = db();
        Path dir = migrations("001_create.sql", "CREATE TABLE a (n INTEGER);");
        Migrations.fromDirectory(dir).migrate(db);
        Files.writeString(dir.resolve("001_create.sql"), "CREATE TABLE a (n INTEGER, m INTEGER);");
        assertThatThrownBy(() -> Migrations.fromDirectory(dir).migrate(db))
                .isInstanceOf(DataException.class).hasMessageContaining("001_create.sql was changed after it was applied");
    }

    @Test
    void gapsAndDuplicateNumbersAreRefused() throws Exception {
        Path gap = migrations("001_a.sql", "CREATE TABLE a (n INTEGER);", "003_c.sql", "CREATE TABLE c (n INTEGER);");
        assertThatThrownBy(() -> Migrations.fromDirectory(gap))
                .isInstanceOf(DataException.class).hasMessageContaining("003_c.sql").hasMessageContaining("number 2 is missing");
        Files.delete(gap.resolve("003_c.sql"));
        migrations("01_b.sql", "CREATE TABLE b (n INTEGER);");
        assertThatThrownBy(() -> Migrations.fromDirectory(gap))
                .isInstanceOf(DataException.class).hasMessageContaining("001_a.sql").hasMessageContaining("01_b.sql").hasMessageContaining("same number 1");
        Files.delete(gap.resolve("01_b.sql"));
        migrations("create.sql", "CREATE TABLE x (n INTEGER);");
        assertThatThrownBy(() -> Migrations.fromDirectory(gap))
                .isInstanceOf(DataException.class).hasMessageContaining("create.sql is not named NNN_description.sql");
    }

    @Test
    void aFailingMigrationLeavesNoTrace() throws Exception {
        Database db = db();
        Path dir = migrations("001_ok.sql", "CREATE TABLE a (n INTEGER);",
                "002_broken.sql", "CREATE TABLE b (n INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
        assertThatThrownBy(() -> Migrations.fromDirectory(dir).migrate(db))
                .isInstanceOf(DataException.class).hasMessageContaining("002_broken.sql failed").hasMessageContaining("no_such_table");
        assertThat(db.query("SELECT version FROM schema_migrations", VERSION)).containsExactly(1);
        assertThatThrownBy(() -> db.query("SELECT n FROM b", N)).isInstanceOf(DataException.class);
        Files.writeString(dir.resolve("002_broken.sql"), "CREATE TABLE b (n INTEGER);");
        assertThat(Migrations.fromDirectory(dir).migrate(db)).containsExactly("002_broken.sql");
        assertThat(db.optional("SELECT n FROM b", N)).isEqualTo(Optional.empty());
    }
}
