package dev.gatehouse.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's {@code com.sun.net.httpserver} on a virtual-thread-per-task executor, serving hello
 * world on 127.0.0.1:PORT with the same status, headers and body (the JDK adds {@code Date}; the
 * handler adds {@code Server}, as the other servers do).
 */
public final class JdkHelloServer {
    private JdkHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Hello.port(args);
        HttpServer server = HttpServer.create(new InetSocketAddress(Hello.HOST, port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", Hello.CONTENT_TYPE);
            exchange.getResponseHeaders().set("Server", "JDK");
            exchange.sendResponseHeaders(200, Hello.BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(Hello.BODY);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            executor.shutdownNow();
        }, "jdk-shutdown"));
        Hello.ready("jdk com.sun.net.httpserver", server.getAddress().getPort());
        Thread.currentThread().join();
    }
}
