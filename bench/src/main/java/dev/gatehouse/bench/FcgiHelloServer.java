package dev.gatehouse.bench;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.examples.HelloApp;
import dev.gatehouse.fastcgi.server.FcgiConfig;
import dev.gatehouse.fastcgi.server.FcgiServer;

/**
 * Gatehouse's FastCGI server with its default limits, serving the demo's {@link HelloApp} on
 * every path, for bench/fastcgi-load.sh (nginx in front).
 *
 * <p>{@code FcgiHelloServer LISTEN}, LISTEN being {@code HOST:PORT} or {@code unix:PATH}.
 */
public final class FcgiHelloServer {
    private FcgiHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: FcgiHelloServer HOST:PORT|unix:PATH");
            System.exit(2);
        }
        FcgiServer server = new FcgiServer(new HelloApp(), FcgiConfig.defaults())
                .listen(ListenAddress.parse(args[0]))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "gatehouse-shutdown"));
        System.out.println("gatehouse fastcgi listening on " + server.addresses().getFirst()
                + " (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        server.awaitTermination();
    }
}
