package dev.gatehouse.http1.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.ConformanceHarness;
import dev.gatehouse.testkit.ConformanceSuite;
import dev.gatehouse.testkit.HttpHarness;
import dev.gatehouse.testkit.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The conformance suite over Gatehouse's HTTP/1.1 server, on TCP and on a Unix socket. */
class Http1ConformanceTest {

    @Nested
    class OverTcp extends ConformanceSuite {
        @Override
        protected ConformanceHarness newHarness() {
            return new HttpHarness(app -> startServer(app, ListenAddress.tcp("127.0.0.1", 0), null));
        }
    }

    @Nested
    class OverUnixSocket extends ConformanceSuite {
        @Override
        protected ConformanceHarness newHarness() {
            return new HttpHarness(app -> {
                Path dir = Files.createTempDirectory("gatehouse-http1-");
                return startServer(app, ListenAddress.unix(dir.resolve("http.sock")), dir);
            });
        }
    }

    /** Starts a server with the default limits; stopping it also removes {@code tempDir}, if any. */
    static RunningServer startServer(Application app, ListenAddress where, Path tempDir) throws Exception {
        Http1Server server = new Http1Server(app, Http1Config.defaults()).listen(where).start();
        return new RunningServer(server.addresses().getFirst().toSocketAddress(), () -> {
            server.shutdown();
            if (tempDir != null) {
                Files.deleteIfExists(tempDir.resolve("http.sock"));
                Files.deleteIfExists(tempDir);
            }
        });
    }
}
