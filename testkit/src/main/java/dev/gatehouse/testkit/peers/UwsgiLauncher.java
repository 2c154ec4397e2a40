package dev.gatehouse.testkit.peers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Starts the real uWSGI ({@code /usr/bin/uwsgi --plugin python3 --master --processes 1 --threads 4})
 * in the foreground, serving the testkit's WSGI app ({@code peers/wsgi_app.py}, copied out of the
 * classpath into a temp directory) over one socket:
 * <ul>
 *   <li>{@code --socket}: the uwsgi protocol (what nginx {@code uwsgi_pass} and Gatehouse's
 *       {@code uwsgi://} mount speak);</li>
 *   <li>{@code --scgi-socket}: SCGI;</li>
 *   <li>{@code --http-socket}: plain HTTP/1.1.</li>
 * </ul>
 * The socket is a free 127.0.0.1 port ({@link PeerProcess#address()}) or a Unix socket path. The
 * process is stopped by its own handle ({@link PeerProcess#close()}; {@code --die-on-term} makes
 * SIGTERM end uWSGI rather than reload it).
 *
 * <p>The app: {@code /hello} (text, with Content-Length), {@code /echo} (the body back, method and
 * CONTENT_TYPE in {@code X-Method} / {@code X-Content-Type}), {@code /environ} (sorted
 * {@code KEY=value} lines), {@code /status/NNN}, {@code /stream} (five yielded chunks).
 */
public final class UwsgiLauncher {
    public static final Path BINARY = Path.of("/usr/bin/uwsgi");
    public static final Path PYTHON_PLUGIN = Path.of("/usr/lib/uwsgi/plugins/python3_plugin.so");
    public static final String APP_RESOURCE = "/peers/wsgi_app.py";
    private static final Set<String> SOCKET_OPTIONS = Set.of("--socket", "--scgi-socket", "--http-socket");

    private UwsgiLauncher() {
    }

    /** Skips (or, with CI=true, fails) the calling test when uWSGI or its Python 3 plugin is missing. */
    public static void require() {
        String hint = "apt-get install uwsgi uwsgi-plugin-python3";
        PeerProcess.require(BINARY, hint);
        // the plugin is a shared object, not executable: only a missing one goes through require's skip-or-fail
        if (!Files.isRegularFile(PYTHON_PLUGIN)) PeerProcess.require(PYTHON_PLUGIN, hint);
    }

    /**
     * Starts uWSGI on a free 127.0.0.1 port.
     *
     * @param socketOption {@code --socket} (uwsgi protocol), {@code --scgi-socket} or {@code --http-socket}
     * @param extraOptions further uWSGI options, appended last (so they win), e.g. {@code "--buffer-size", "8192"}
     */
    public static PeerProcess start(String socketOption, String... extraOptions) throws IOException {
        require();
        checkSocketOption(socketOption);
        Path dir = Files.createTempDirectory("gatehouse-uwsgi-");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", PeerProcess.freePort());
        List<String> command = command(dir, socketOption, "127.0.0.1:" + address.getPort(), extraOptions);
        return PeerProcess.start("uwsgi", command, dir, address);
    }

    /**
     * Starts uWSGI on the Unix socket {@code unixSocket} (removed again on exit, {@code --vacuum}).
     * Readiness is probed on uWSGI's stats server, which the master opens on a free 127.0.0.1 port
     * after binding its sockets, so {@link PeerProcess#address()} is that stats address, not the
     * app's socket.
     */
    public static PeerProcess start(String socketOption, Path unixSocket, String... extraOptions) throws IOException {
        require();
        checkSocketOption(socketOption);
        Path dir = Files.createTempDirectory("gatehouse-uwsgi-");
        InetSocketAddress stats = new InetSocketAddress("127.0.0.1", PeerProcess.freePort());
        List<String> command = command(dir, socketOption, unixSocket.toString(), extraOptions);
        command.addAll(List.of("--stats", "127.0.0.1:" + stats.getPort()));
        return PeerProcess.start("uwsgi", command, dir, stats);
    }

    private static List<String> command(Path dir, String socketOption, String socket, String... extraOptions) throws IOException {
        Path app = dir.resolve("wsgi_app.py");
        try (InputStream in = UwsgiLauncher.class.getResourceAsStream(APP_RESOURCE)) {
            if (in == null) throw new IOException(APP_RESOURCE + " is not on the classpath");
            Files.copy(in, app);
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--plugin", "python3",
                "--master", "--processes", "1", "--threads", "4",
                socketOption, socket,
                "--wsgi-file", app.toString(),
                "--need-app",
                "--die-on-term",
                "--vacuum",
                "--buffer-size", "65535",
                "--pidfile", dir.resolve("uwsgi.pid").toString()));
        command.addAll(Arrays.asList(extraOptions));
        return command;
    }

    private static void checkSocketOption(String socketOption) {
        if (!SOCKET_OPTIONS.contains(socketOption)) {
            throw new IllegalArgumentException("socket option " + socketOption + " is not one of " + SOCKET_OPTIONS);
        }
    }
}
