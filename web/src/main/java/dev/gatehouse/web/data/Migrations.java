package dev.gatehouse.web.data;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbered SQL files applied in order: {@code 001_create_requests.sql}, {@code 002_add_sponsor.sql},
 * ... Each pending file runs in its own transaction together with its row in
 * {@code schema_migrations} (version, name, checksum, applied_at), so a failing file leaves no
 * trace and is retried next time; a file another process applied meanwhile is skipped. Applied files are skipped; editing one after it was applied,
 * a gap in the numbers, or two files with one number is an error naming the file.
 *
 * <pre>{@code
 * List<String> applied = Migrations.fromClasspath("db/migrations").migrate(db);
 * }</pre>
 */
public final class Migrations {
    static final String TABLE = "schema_migrations";
    private final List<MigrationFile> files;

    private Migrations(List<MigrationFile> files) {
        this.files = ordered(files);
    }

    /** The migrations in {@code dir} (its {@code .sql} files, not subdirectories). */
    public static Migrations fromDirectory(Path dir) {
        return new Migrations(MigrationSource.directory(dir));
    }

    /** The migrations in the class-path folder {@code prefix} (e.g. "db/migrations" for src/main/resources/db/migrations). */
    public static Migrations fromClasspath(String prefix) {
        return new Migrations(MigrationSource.classpath(prefix, Migrations.class.getClassLoader()));
    }

    public static Migrations fromClasspath(String prefix, ClassLoader loader) {
        return new Migrations(MigrationSource.classpath(prefix, loader));
    }

    /** The files, by version. */
    public List<MigrationFile> files() {
        return files;
    }

    /** Applies the pending files; returns their names, in the order applied (empty when up to date). */
    public List<String> migrate(Database db) {
        db.update("CREATE TABLE IF NOT EXISTS " + TABLE + " (version INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL,"
                + " checksum CHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
        Map<Integer, MigrationFile> applied = new HashMap<>();
        for (MigrationFile a : db.query("SELECT version, name, checksum FROM " + TABLE + " ORDER BY version",
                row -> new MigrationFile(row.getInt("version"), row.getString("name"), null, row.getString("checksum")))) {
            applied.put(a.version(), a);
        }
        checkApplied(applied);
        List<String> done = new ArrayList<>();
        for (MigrationFile file : files) {
            if (applied.containsKey(file.version())) continue;
            apply(db, file);
            done.add(file.fileName());
        }
        return done;
    }

    private void checkApplied(Map<Integer, MigrationFile> applied) {
        Map<Integer, MigrationFile> byVersion = new HashMap<>();
        for (MigrationFile f : files) byVersion.put(f.version(), f);
        for (MigrationFile a : applied.values().stream().sorted(Comparator.comparingInt(MigrationFile::version)).toList()) {
            MigrationFile f = byVersion.get(a.version());
            if (f == null) {
                throw new DataException("migration " + a.fileName() + " (version " + a.version() + ") was applied but its file is gone", null, null);
            }
            if (!f.checksum().equals(a.checksum())) {
                throw new DataException("migration " + f.fileName() + " was changed after it was applied (checksum " + a.checksum().substring(0, 12)
                        + "... recorded, " + f.checksum().substring(0, 12) + "... now): add a new migration instead of editing an applied one", null, null);
            }
        }
    }

    private static void apply(Database db, MigrationFile file) {
        db.transaction(tx -> {
            // Another process (a concurrent CGI request, a second instance) may have applied it since we looked.
            if (tx.queryOne("SELECT COUNT(*) AS n FROM " + TABLE + " WHERE version = ?", row -> row.getInt("n"), file.version()) > 0) return;
            for (String statement : SqlScript.statements(file.sql())) {
                try {
                    tx.update(statement);
                } catch (DataException e) {
                    throw new DataException("migration " + file.fileName() + " failed: " + e.getMessage(), null, e);
                }
            }
            tx.update("INSERT INTO " + TABLE + " (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    file.version(), file.fileName(), file.checksum(), Instant.now().toString());
        });
    }

    /** Sorts by version; refuses duplicate numbers and gaps (versions must run 1, 2, 3, ...). */
    private static List<MigrationFile> ordered(List<MigrationFile> files) {
        List<MigrationFile> sorted = files.stream().sorted(Comparator.comparingInt(MigrationFile::version).thenComparing(MigrationFile::fileName)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            MigrationFile f = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).version() == f.version()) {
                throw new DataException("migrations " + sorted.get(i - 1).fileName() + " and " + f.fileName() + " have the same number " + f.version(), null, null);
            }
            int expected = i + 1;
            if (f.version() != expected) {
                throw new DataException("migration " + f.fileName() + ": number " + expected + " is missing"
                        + (i == 0 ? " (numbering starts at 1)" : " (after " + sorted.get(i - 1).fileName() + ")"), null, null);
            }
        }
        return sorted;
    }
}
