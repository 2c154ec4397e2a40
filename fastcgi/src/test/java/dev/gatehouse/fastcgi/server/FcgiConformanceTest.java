package dev.gatehouse.fastcgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.ConformanceHarness;
import dev.gatehouse.testkit.ConformanceSuite;
import dev.gatehouse.testkit.HttpHarness;
import dev.gatehouse.testkit.RunningServer;
import dev.gatehouse.testkit.peers.ApacheLauncher;
import dev.gatehouse.testkit.peers.NginxLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite over FastCGI: spoken directly by the raw test client, and through the web
 * servers users deploy with (nginx on TCP and on a Unix socket, with and without fastcgi_keep_conn;
 * Apache mod_proxy_fcgi), a client sending HTTP to them.
 */
class FcgiConformanceTest {

    @Nested
    class Direct extends ConformanceSuite {
        @Override
        protected ConformanceHarness newHarness() {
            return new FcgiClientHarness();
        }
    }

    @Nested
    class ThroughNginxOverTcpWithKeepConn extends ThroughAWebServer {
        @Override
        protected ConformanceHarness newHarness() {
            return new HttpHarness(app -> throughNginx(app, false, true));
        }
    }

    @Nested
    class ThroughNginxOverTcpWithoutKeepConn extends ThroughAWebServer {
        private static final String NO_END_MARK = "without fastcgi_keep_conn nginx takes end-of-stream as the end of a response; "
                + "Gatehouse marks a cut response with a record nginx rejects, and nginx then drops the whole response "
                + "(the client sees the connection closed, never a cut body that looks whole). Use fastcgi_keep_conn on";

        @Override
        protected ConformanceHarness newHarness() {
            return new HttpHarness(app -> throughNginx(app, false, false));
        }

        @Test
        @Override
        public void exceptionAfterTheHeadCutsTheResponseShort() {
            unsupported(NO_END_MARK);
        }

        @Test
        @Override
        public void bodyShorterThanItsContentLengthIsSeenTruncatedAndTheConnectionCloses() {
            unsupported(NO_END_MARK);
        }
    }

    @Nested
    class ThroughNginxOverAUnixSocket extends ThroughAWebServer {
        @Override
        protected ConformanceHarness newHarness() {
            return new HttpHarness(app -> throughNginx(app, true, true));
        }
    }

    @Nested
    class ThroughApacheModProxyFcgi extends ThroughAWebServer {
        private static final String CHUNKS_EVERY_BODY =
                "Apache mod_proxy_fcgi drops the app's Content-Length and chunks the body to the client; the rest of this test's checks pass";

        @Override
        protected ConformanceHarness newHarness() {
            return new HttpHarness(FcgiConformanceTest::throughApache);
        }

        @Test
        @Override
        public void helloAnswersStatusHeadersAndBody() {
            unsupported(CHUNKS_EVERY_BODY);
        }

        @Test
        @Override
        public void largeResponseBodyWithLengthArrivesWhole() {
            unsupported(CHUNKS_EVERY_BODY);
        }

        @Test
        @Override
        public void fileBodyArrivesWhole() {
            unsupported(CHUNKS_EVERY_BODY);
        }

        @Test
        @Override
        public void bodyLongerThanItsContentLengthIsCutAtTheDeclaredLength() {
            unsupported(CHUNKS_EVERY_BODY);
        }

        @Test
        @Override
        public void bodyShorterThanItsContentLengthIsSeenTruncatedAndTheConnectionCloses() {
            unsupported(CHUNKS_EVERY_BODY);
        }

        @Test
        @Override
        public void headAwareAppKeepsItsContentLengthWithAnEmptyBody() {
            unsupported(CHUNKS_EVERY_BODY);
        }

        @Test
        @Override
        public void headGetsTheHeadersOfGetButNoBody() {
            unsupported(CHUNKS_EVERY_BODY);
        }
    }

    /** What a web server in front changes about what the client sees. */
    abstract static class ThroughAWebServer extends ConformanceSuite {
        @Test
        @Override
        public void chunkedRequestHasNoContentLengthAndATerminatedInput() {
            unsupported("the web server reads a chunked body whole and passes it on with its CONTENT_LENGTH");
        }
    }

    /** Gatehouse serving {@code app} over FastCGI with nginx in front; stopping stops both. */
    static RunningServer throughNginx(Application app, boolean unixSocket, boolean keepConn) throws Exception {
        NginxLauncher.require();
        Path dir = Files.createTempDirectory("gatehouse-fcgi-");
        ListenAddress where = unixSocket ? ListenAddress.unix(dir.resolve("fcgi.sock")) : ListenAddress.tcp("127.0.0.1", 0);
        FcgiServer server = new FcgiServer(app, FcgiConfig.defaults()).listen(where).start();
        try {
            ListenAddress bound = server.addresses().getFirst();
            String upstream = "upstream gatehouse { server " + bound + ";" + (keepConn ? " keepalive 8;" : "") + " }";
            String location = "location / { include " + NginxLauncher.FASTCGI_PARAMS + "; fastcgi_pass gatehouse;"
                    + (keepConn ? " fastcgi_keep_conn on;" : "") + " }";
            PeerProcess nginx = NginxLauncher.start(upstream, location);
            return new RunningServer(nginx.address(), () -> {
                nginx.close();
                server.shutdown();
                deleteDir(dir);
            });
        } catch (Exception e) {
            server.shutdown();
            deleteDir(dir);
            throw e;
        }
    }

    /** Gatehouse serving {@code app} over FastCGI with Apache mod_proxy_fcgi in front, as docs/fastcgi.md configures it. */
    static RunningServer throughApache(Application app) throws Exception {
        ApacheLauncher.require();
        FcgiServer server = new FcgiServer(app, FcgiConfig.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        try {
            int port = server.addresses().getFirst().port();
            PeerProcess apache = ApacheLauncher.start(List.of("proxy", "proxy_fcgi"),
                    "ProxyPass \"/\" \"fcgi://127.0.0.1:" + port + "/\"");
            return new RunningServer(apache.address(), () -> {
                apache.close();
                server.shutdown();
            });
        } catch (Exception e) {
            server.shutdown();
            throw e;
        }
    }

    static void deleteDir(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }
}
