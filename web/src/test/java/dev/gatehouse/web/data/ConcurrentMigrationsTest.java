package dev.gatehouse.web.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes starting at once on a new SQLite file (CGI requests arriving together, say),
 * each with its own pool, all migrating: every one must succeed and each file must run once.
 */
class ConcurrentMigrationsTest {
    private static final int STARTERS = 6;
    private static final int ROUNDS = 10;

    @TempDir
    Path tmp;

    @Test
    void startersRacingOnANewDatabaseEachSucceedAndEachFileRunsOnce() throws Exception {
        Migrations migrations = Migrations.fromClasspath("migrations-test");
        ExecutorService pool = Executors.newFixedThreadPool(STARTERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String url = "jdbc:sqlite:" + Files.createDirectory(tmp.resolve("round" + round)).resolve("app.db");
                CyclicBarrier start = new CyclicBarrier(STARTERS);
                List<Future<List<String>>> results = new ArrayList<>();
                for (int i = 0; i < STARTERS; i++) {
                    results.add(pool.submit(() -> {
                        try (Database db = Database.open(url)) {
                            start.await(30, TimeUnit.SECONDS);
                            return migrations.migrate(db);
                        }
                    }));
                }
                for (Future<List<String>> r : results) r.get(60, TimeUnit.SECONDS);
                try (Database db = Database.open(url)) {
                    assertThat(db.query("SELECT version FROM schema_migrations ORDER BY version", row -> row.getInt("version"))).containsExactly(1, 2);
                    assertThat(db.query("SELECT id FROM notes ORDER BY id", row -> row.getInt("id"))).containsExactly(1, 2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
