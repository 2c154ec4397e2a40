package dev.gatehouse.web.session;

import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server of the Debian package for one test class: a cluster made by initdb in a
 * temp directory, listening on 127.0.0.1 and a free port, stopped through its own process handle.
 * PostgreSQL refuses root, so under root it runs as the postgres user (setpriv execs in place, so
 * the process held is the postmaster). Skips the test when PostgreSQL is absent (fails when CI=true).
 */
final class ThrowawayPostgres implements AutoCloseable {
    private static final String USER = "gatehouse";
    private static final long READY_MILLIS = 30_000;

    private final Process postmaster;
    private final Path dir;
    private final int port;

    private ThrowawayPostgres(Process postmaster, Path dir, int port) {
        this.postmaster = postmaster;
        this.dir = dir;
        this.port = port;
    }

    static ThrowawayPostgres start() throws IOException, InterruptedException {
        Path bin = installedBin();
        PeerProcess.require(bin.resolve("postgres"), "apt-get install postgresql");
        Path dir = Files.createTempDirectory("gh-sessions-pg");
        List<String> prefix = asPostgresUserIfRoot(dir);
        Path data = dir.resolve("data");
        Process initdb = new ProcessBuilder(with(prefix, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--no-sync")).redirectErrorStream(true).redirectOutput(dir.resolve("initdb.log").toFile()).start();
        if (!initdb.waitFor(120, TimeUnit.SECONDS) || initdb.exitValue() != 0) {
            initdb.destroyForcibly();
            throw new IOException("initdb failed:\n" + Files.readString(dir.resolve("initdb.log")));
        }
        int port = PeerProcess.freePort();
        Process postmaster = new ProcessBuilder(with(prefix, bin.resolve("postgres").toString(), "-D", data.toString(), "-k", dir.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
        ThrowawayPostgres pg = new ThrowawayPostgres(postmaster, dir, port);
        pg.awaitReady();
        return pg;
    }

    DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        ds.setUser(USER);
        return ds;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (true) {
            try (Connection c = dataSource().getConnection()) {
                return;
            } catch (SQLException notYet) {
                if (!postmaster.isAlive() || System.nanoTime() > until) {
                    String log = Files.readString(dir.resolve("postgres.log"));
                    close();
                    throw new IOException("postgres did not start: " + notYet.getMessage() + "\n" + log);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postmaster.destroy(); // SIGTERM: smart shutdown
        try {
            if (!postmaster.waitFor(20, TimeUnit.SECONDS)) postmaster.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** /usr/lib/postgresql/NN/bin of the newest version installed. */
    private static Path installedBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return root.resolve("NN/bin");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("[0-9]{1,3}"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin")).orElse(root.resolve("NN/bin"));
        }
    }

    private static List<String> asPostgresUserIfRoot(Path dir) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) return List.of();
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("postgres"));
        view.setGroup(users.lookupPrincipalByGroupName("postgres"));
        return List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--");
    }

    private static List<String> with(List<String> prefix, String... command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(command));
        return all;
    }
}
