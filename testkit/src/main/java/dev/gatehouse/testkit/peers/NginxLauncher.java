package dev.gatehouse.testkit.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the real nginx in the foreground ({@code daemon off}) with a generated configuration in a
 * temp directory, listening for HTTP on a free 127.0.0.1 port. The caller supplies what goes inside
 * {@code http {}} after the server's listen line, e.g. a {@code location} with {@code fastcgi_pass}.
 */
public final class NginxLauncher {
    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    public static final Path FASTCGI_PARAMS = Path.of("/etc/nginx/fastcgi_params");

    private NginxLauncher() {
    }

    /** Skips (or, with CI=true, fails) the calling test when nginx is missing. */
    public static void require() {
        PeerProcess.require(BINARY, "apt-get install nginx");
    }

    /**
     * Starts nginx.
     *
     * @param httpBlock directives for the {@code http} block, before the server (upstreams, for instance)
     * @param serverBlock directives inside {@code server {}}: locations and their fastcgi_pass
     */
    public static PeerProcess start(String httpBlock, String serverBlock) throws IOException {
        require();
        Path dir = Files.createTempDirectory("gatehouse-nginx-");
        int port = PeerProcess.freePort();
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        String conf = user + """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    fastcgi_temp_path %1$s/fastcgi;
                    proxy_temp_path %1$s/proxy;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    client_max_body_size 64m;
                %2$s
                    server {
                        listen 127.0.0.1:%3$d;
                        server_name localhost;
                %4$s
                    }
                }
                """.formatted(dir, httpBlock, port, serverBlock);
        Files.writeString(dir.resolve("nginx.conf"), conf);
        return PeerProcess.start("nginx", List.of(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()), dir, new InetSocketAddress("127.0.0.1", port));
    }
}
