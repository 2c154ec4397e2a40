package dev.gatehouse.web.data;

import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, from the Debian package: {@code initdb} into a temp
 * directory, {@code postgres} on 127.0.0.1 and a free port (its socket in the same directory),
 * stopped by its own process handle and the directory removed. PostgreSQL refuses to run as root,
 * so under root both run as the {@code postgres} user through {@code setpriv}, which execs in
 * place: the process we hold is the postmaster itself.
 */
public final class PostgresServer implements AutoCloseable {
    static final String USER = "gatehouse";
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long READY_MILLIS = 30_000;
    private final Process process;
    private final Path dir;
    private final int port;

    private PostgresServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server, or skips the calling test (fails it when CI=true) if PostgreSQL is not installed. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binDirectory();
        PeerProcess.require(bin.resolve("postgres"), "apt-get install postgresql");
        Path dir = Files.createTempDirectory("gatehouse-pg");
        List<String> asUser = runAsPostgresIfRoot(dir);
        try {
            Path data = dir.resolve("data");
            run(command(asUser, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"), dir, dir.resolve("initdb.log"));
            int port = PeerProcess.freePort();
            Process process = new ProcessBuilder(command(asUser, bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-k", dir.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=40"))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
            PostgresServer server = new PostgresServer(process, dir, port);
            server.awaitReady();
            return server;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** The JDBC URL of database "postgres" with {@code schema} as the search path. */
    public String url(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + schema;
    }

    /** A plain (unpooled) data source on database "postgres", default schema. */
    public javax.sql.DataSource dataSource() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        ds.setUser(USER);
        return ds;
    }

    /** Creates an empty schema, so each test starts from nothing. */
    public void createSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema); // a test's own constant name, not input
        }
    }

    /** Stops the server by its process handle (SIGTERM: smart shutdown, after the pools are closed), then removes its directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        SQLException last = null;
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IOException("postgres exited with " + process.exitValue() + " at start-up:\n" + log);
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "")) {
                return;
            } catch (SQLException notYet) {
                last = notYet;
                Thread.sleep(50);
            }
        }
        String log = log();
        close();
        throw new IOException("postgres not ready within " + READY_MILLIS + " ms (" + last + "):\n" + log);
    }

    private String log() throws IOException {
        Path log = dir.resolve("postgres.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }

    /** The bin directory of the newest PostgreSQL installed (/usr/lib/postgresql/VERSION/bin). */
    private static Path binDirectory() throws IOException {
        if (!Files.isDirectory(VERSIONS)) return VERSIONS.resolve("VERSION/bin");
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.filter(v -> v.getFileName().toString().matches("[0-9]+") && Files.isExecutable(v.resolve("bin/postgres")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElse(VERSIONS.resolve("VERSION/bin"));
        }
    }

    /** Under root: hands {@code dir} to the postgres user and returns the setpriv prefix; otherwise nothing. */
    private static List<String> runAsPostgresIfRoot(Path dir) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) return List.of();
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("postgres"));
        view.setGroup(group);
        return List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--");
    }

    private static List<String> command(List<String> prefix, String... args) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(args));
        return all;
    }

    private static void run(List<String> command, Path dir, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException(String.join(" ", command) + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + Files.readString(log));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
