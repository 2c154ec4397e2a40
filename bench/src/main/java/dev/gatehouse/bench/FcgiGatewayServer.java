package dev.gatehouse.bench;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import dev.gatehouse.fastcgi.client.FcgiProxyApp;
import dev.gatehouse.fastcgi.client.FcgiTarget;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;

/**
 * Gatehouse's HTTP/1.1 server with a {@code fastcgi:} mount at {@code /}, as
 * {@code gatehouse serve --mount /=TARGET} builds it ({@link FcgiProxyApp}, default limits but
 * for the connection cap), on 127.0.0.1:PORT, for bench/fastcgi-load.sh.
 *
 * <p>{@code FcgiGatewayServer PORT TARGET MAX_CONNECTIONS}, e.g.
 * {@code FcgiGatewayServer 28090 fastcgi:unix:/tmp/x/php.sock?root=/tmp/x/www 4}: the cap is the
 * backend's worker count (PHP-FPM's {@code pm.max_children}), as docs/fastcgi-backends.md advises.
 */
public final class FcgiGatewayServer {
    private FcgiGatewayServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: FcgiGatewayServer PORT fastcgi://HOST:PORT|fastcgi:unix:PATH[?root=DIR] MAX_CONNECTIONS");
            System.exit(2);
        }
        int port = Hello.port(args);
        FcgiTarget target = FcgiTarget.parse(args[1]);
        FcgiClientConfig config = FcgiClientConfig.defaults().withMaxConnections(Integer.parseInt(args[2]));
        FcgiProxyApp app = new FcgiProxyApp(target, config);
        Http1Server server = new Http1Server(app, Http1Config.defaults())
                .listen(ListenAddress.tcp(Hello.HOST, port))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            app.close();
        }, "gatehouse-shutdown"));
        System.out.println("gatehouse fastcgi gateway to " + target + " listening on http://" + Hello.HOST + ":"
                + server.addresses().getFirst().port() + "/ (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        server.awaitTermination();
    }
}
