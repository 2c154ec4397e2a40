package dev.gatehouse.bench;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.examples.DemoSite;
import dev.gatehouse.examples.HelloApp;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;

/**
 * Gatehouse's HTTP/1.1 server with its default limits, serving hello world on 127.0.0.1:PORT.
 *
 * <p>{@code GatehouseHelloServer PORT} serves the demo's {@link HelloApp} on every path (the
 * server's cost alone); {@code GatehouseHelloServer PORT --demo} serves the whole demo site,
 * whose {@code /hello} is the same app behind the demo's URL map.
 */
public final class GatehouseHelloServer {
    private GatehouseHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Hello.port(args);
        boolean demo = args.length > 1 && args[1].equals("--demo");
        Application app = demo ? DemoSite.create() : new HelloApp();
        Http1Server server = new Http1Server(app, Http1Config.defaults())
                .listen(ListenAddress.tcp(Hello.HOST, port))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "gatehouse-shutdown"));
        Hello.ready("gatehouse" + (demo ? " (demo site)" : ""), server.addresses().getFirst().port());
        server.awaitTermination();
    }
}
