package dev.gatehouse.bench;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.http1.client.HttpClientConfig;
import dev.gatehouse.http1.client.HttpProxyApp;
import dev.gatehouse.http1.client.HttpTarget;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.uwsgi.client.UwsgiProxyApp;

/**
 * Gatehouse's HTTP/1.1 server with a {@code uwsgi:} or {@code http:} mount at {@code /}, as
 * {@code gatehouse serve --mount /=TARGET} builds it (default limits but for the connection cap),
 * on 127.0.0.1:PORT, for bench/gateway-load.sh.
 *
 * <p>{@code StreamGatewayServer PORT TARGET [MAX_CONNECTIONS]}, e.g.
 * {@code StreamGatewayServer 28384 uwsgi:unix:/tmp/x/uwsgi.sock 64} ({@link UwsgiProxyApp}) or
 * {@code StreamGatewayServer 28385 http://127.0.0.1:28485 64} ({@link HttpProxyApp}); the cap is
 * the client config's {@code maxConnections}, its default when left out.
 */
public final class StreamGatewayServer {
    private StreamGatewayServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: StreamGatewayServer PORT uwsgi:unix:PATH|uwsgi://HOST:PORT|http://HOST:PORT [MAX_CONNECTIONS]");
            System.exit(2);
        }
        int port = Hello.port(args);
        String spec = args[1];
        Application app;
        if (spec.startsWith("uwsgi:")) {
            StreamClientConfig config = StreamClientConfig.defaults();
            if (args.length == 3) config = config.withMaxConnections(Integer.parseInt(args[2]));
            app = new UwsgiProxyApp(BackendTarget.parse("uwsgi", spec), config);
        } else if (spec.startsWith("http:")) {
            HttpClientConfig config = HttpClientConfig.defaults();
            if (args.length == 3) config = config.withMaxConnections(Integer.parseInt(args[2]));
            app = new HttpProxyApp(HttpTarget.parse(spec), config);
        } else {
            System.err.println("StreamGatewayServer: target must start with uwsgi: or http:, got '" + spec + "'");
            System.exit(2);
            return;
        }
        Http1Server server = new Http1Server(app, Http1Config.defaults())
                .listen(ListenAddress.tcp(Hello.HOST, port))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            if (app instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // stopping anyway
                }
            }
        }, "gatehouse-shutdown"));
        System.out.println("gatehouse gateway to " + spec + " listening on http://" + Hello.HOST + ":"
                + server.addresses().getFirst().port() + "/ (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        server.awaitTermination();
    }
}
