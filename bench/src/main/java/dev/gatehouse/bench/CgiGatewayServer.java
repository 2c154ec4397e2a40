package dev.gatehouse.bench;

import dev.gatehouse.api.Application;
import dev.gatehouse.cgi.client.CgiClientConfig;
import dev.gatehouse.cgi.client.CgiProxyApp;
import dev.gatehouse.cgi.client.CgiTarget;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.UrlMap;
import java.util.Map;

/**
 * Gatehouse's HTTP/1.1 server with a {@code cgi:} mount at {@code /cgi-bin}, as
 * {@code gatehouse serve --mount /cgi-bin=cgi:DIR} builds it ({@link CgiProxyApp}, default limits),
 * on 127.0.0.1:PORT, for CGI load runs side by side with Apache's mod_cgid and nginx + fcgiwrap
 * (docs/cgi-scripts.md).
 *
 * <p>{@code CgiGatewayServer PORT TARGET}, e.g. {@code CgiGatewayServer 28190 cgi:/tmp/x/cgi-bin?spawn=helper}.
 */
public final class CgiGatewayServer {
    private CgiGatewayServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CgiGatewayServer PORT cgi:/DIR[?spawn=helper|direct&max=N]");
            System.exit(2);
        }
        int port = Hello.port(args);
        CgiTarget target = CgiTarget.parse(args[1]);
        CgiProxyApp app = new CgiProxyApp(target, CgiClientConfig.defaults());
        Application root = UrlMap.of(Map.of("/cgi-bin", app));
        Http1Server server = new Http1Server(root, Http1Config.defaults())
                .listen(ListenAddress.tcp(Hello.HOST, port))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            app.close();
        }, "gatehouse-shutdown"));
        System.out.println("gatehouse cgi gateway for " + target + " listening on http://" + Hello.HOST + ":"
                + server.addresses().getFirst().port() + "/cgi-bin/ (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        server.awaitTermination();
    }
}
