package dev.gatehouse.bench;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.examples.HelloApp;
import dev.gatehouse.scgi.server.ScgiServer;
import java.util.concurrent.CountDownLatch;

/**
 * Gatehouse's SCGI server with its default limits, serving the demo's {@link HelloApp} on every
 * path, for bench/gateway-load.sh (nginx {@code scgi_pass} in front).
 *
 * <p>{@code ScgiHelloServer LISTEN}, LISTEN being {@code HOST:PORT} or {@code unix:PATH}.
 */
public final class ScgiHelloServer {
    private ScgiHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ScgiHelloServer HOST:PORT|unix:PATH");
            System.exit(2);
        }
        ScgiServer server = new ScgiServer(new HelloApp(), StreamServerConfig.defaults())
                .listen(ListenAddress.parse(args[0]))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        System.out.println("gatehouse scgi listening on " + server.addresses().getFirst()
                + " (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        stopped.await();
    }
}
