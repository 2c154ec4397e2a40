package dev.gatehouse.bench;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.examples.HelloApp;
import dev.gatehouse.uwsgi.server.UwsgiServer;
import java.util.concurrent.CountDownLatch;

/**
 * Gatehouse's uwsgi server with its default limits, serving the demo's {@link HelloApp} on every
 * path, for bench/gateway-load.sh (nginx {@code uwsgi_pass} in front).
 *
 * <p>{@code UwsgiHelloServer LISTEN}, LISTEN being {@code HOST:PORT} or {@code unix:PATH}.
 */
public final class UwsgiHelloServer {
    private UwsgiHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: UwsgiHelloServer HOST:PORT|unix:PATH");
            System.exit(2);
        }
        UwsgiServer server = new UwsgiServer(new HelloApp(), StreamServerConfig.defaults())
                .listen(ListenAddress.parse(args[0]))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        System.out.println("gatehouse uwsgi listening on " + server.addresses().getFirst()
                + " (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        stopped.await();
    }
}
