package dev.gatehouse.cgi.server;

import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real lighttpd in the foreground ({@code -D}) from a temp directory, running one CGI script
 * through mod_cgi under a URL prefix ({@code alias.url}, {@code cgi.assign}) on a free 127.0.0.1
 * port; stopped through its own process handle.
 */
final class LighttpdCgi implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/lighttpd");
    private static final long READY_MILLIS = 15_000;
    private final Process process;
    private final Path dir;
    private final InetSocketAddress address;

    private LighttpdCgi(Process process, Path dir, InetSocketAddress address) {
        this.process = process;
        this.dir = dir;
        this.address = address;
    }

    /** Skips (or, with CI=true, fails) the calling test when lighttpd is missing. */
    static void require() {
        PeerProcess.require(BINARY, "apt-get install lighttpd");
    }

    /** lighttpd serving {@code script} (a file ending in .cgi) at {@code prefix} ("" for the whole URL space). */
    static LighttpdCgi start(String prefix, Path script) throws IOException {
        require();
        Path dir = Files.createTempDirectory("gatehouse-lighttpd-");
        Files.createDirectories(dir.resolve("htdocs"));
        int port = PeerProcess.freePort();
        Files.writeString(dir.resolve("lighttpd.conf"), """
                server.document-root = "%1$s/htdocs"
                server.bind = "127.0.0.1"
                server.port = %2$d
                server.errorlog = "%1$s/error.log"
                server.modules = ( "mod_alias", "mod_cgi" )
                alias.url = ( %3$s )
                cgi.assign = ( ".cgi" => "" )
                """.formatted(dir, port, alias(prefix, script)));
        Process process = new ProcessBuilder(BINARY.toString(), "-D", "-f", dir.resolve("lighttpd.conf").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("lighttpd.out").toFile()).start();
        LighttpdCgi lighttpd = new LighttpdCgi(process, dir, new InetSocketAddress("127.0.0.1", port));
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (true) {
            if (!process.isAlive()) {
                String logs = lighttpd.logs();
                lighttpd.close();
                throw new IOException("lighttpd exited at start-up:\n" + logs);
            }
            try (Socket probe = new Socket()) {
                probe.connect(lighttpd.address, 500);
                return lighttpd;
            } catch (IOException notYet) {
                if (System.nanoTime() > until) {
                    String logs = lighttpd.logs();
                    lighttpd.close();
                    throw new IOException("lighttpd did not listen within " + READY_MILLIS + " ms:\n" + logs);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    /** The whole URL space maps to the script with the path after it ("/" => "script/"), a prefix to the script itself. */
    private static String alias(String prefix, Path script) {
        return prefix.isEmpty() ? "\"/\" => \"" + script + "/\"" : "\"" + prefix + "\" => \"" + script + "\"";
    }

    InetSocketAddress address() {
        return address;
    }

    String logs() {
        StringBuilder all = new StringBuilder();
        for (String name : new String[] {"lighttpd.out", "error.log"}) {
            Path f = dir.resolve(name);
            try {
                if (Files.exists(f)) all.append("==> ").append(name).append(" <==\n").append(Files.readString(f, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                all.append("(").append(name).append(" unreadable)\n");
            }
        }
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
