package dev.gatehouse.testkit.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the real Apache httpd in the foreground ({@code -DFOREGROUND}) with its own ServerRoot,
 * PidFile and ErrorLog in a temp directory, loading only the modules asked for (plus the event MPM
 * and authz_core) from {@code /usr/lib/apache2/modules}, listening on a free 127.0.0.1 port.
 */
public final class ApacheLauncher {
    public static final Path BINARY = Path.of("/usr/sbin/apache2");
    public static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    private ApacheLauncher() {
    }

    /** Skips (or, with CI=true, fails) the calling test when Apache is missing. */
    public static void require() {
        PeerProcess.require(BINARY, "apt-get install apache2");
    }

    /**
     * Starts Apache.
     *
     * @param modules module names as in {@code proxy_fcgi} (loaded from mod_proxy_fcgi.so)
     * @param config directives after the generated basics (ProxyPass, Location blocks, ...)
     */
    public static PeerProcess start(List<String> modules, String config) throws IOException {
        require();
        Path dir = Files.createTempDirectory("gatehouse-apache-");
        Files.createDirectories(dir.resolve("htdocs"));
        int port = PeerProcess.freePort();
        List<String> all = new ArrayList<>(List.of("mpm_event", "authz_core"));
        for (String m : modules) if (!all.contains(m)) all.add(m);
        StringBuilder conf = new StringBuilder();
        conf.append("ServerRoot ").append(dir).append('\n');
        for (String m : all) conf.append("LoadModule ").append(m).append("_module ").append(MODULES.resolve("mod_" + m + ".so")).append('\n');
        conf.append("""
                Listen 127.0.0.1:%2$d
                ServerName localhost
                PidFile %1$s/httpd.pid
                DefaultRuntimeDir %1$s
                Mutex file:%1$s default
                ErrorLog %1$s/error.log
                LogLevel warn
                DocumentRoot %1$s/htdocs
                Timeout 30
                """.formatted(dir, port));
        conf.append(config).append('\n');
        Files.writeString(dir.resolve("httpd.conf"), conf.toString());
        return PeerProcess.start("apache", List.of(BINARY.toString(), "-d", dir.toString(), "-f", dir.resolve("httpd.conf").toString(),
                "-DFOREGROUND"), dir, new InetSocketAddress("127.0.0.1", port));
    }
}
