package dev.gatehouse.supervise;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.server.FcgiConfig;
import dev.gatehouse.fastcgi.server.FcgiServer;
import java.util.concurrent.CountDownLatch;

/**
 * A Java FastCGI backend for the tests: Gatehouse's own {@link FcgiServer} listening on the
 * address given as the only argument ({@code fd:0} for the socket on standard input, or
 * {@code unix:PATH}), serving {@code /pid} (its pid), {@code /hello} and {@code /crash} (halts with
 * status 3). It stops on SIGTERM like {@code gatehouse serve}: the JVM's shutdown hook drains it.
 */
public final class JavaFcgiBackend {
    private JavaFcgiBackend() {
    }

    public static void main(String[] args) throws Exception {
        long pid = ProcessHandle.current().pid();
        FcgiServer server = new FcgiServer((env, sr) -> {
            String path = env.pathInfo();
            if (path.endsWith("/crash")) Runtime.getRuntime().halt(3);
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of(path.endsWith("/pid") ? Long.toString(pid) : "hello from java " + pid + " at " + env.scriptName() + path);
        }, FcgiConfig.defaults());
        server.listen(ListenAddress.parseListen(args[0])).start();
        System.out.println("java backend listening on " + server.addresses() + " (given " + args[0] + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("java backend stopping");
            server.shutdown();
            stopped.countDown();
        }));
        stopped.await();
    }
}
