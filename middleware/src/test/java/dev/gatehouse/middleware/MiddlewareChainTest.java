package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Middleware;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain of docs/middleware.md, over the wire: each middleware in its place, and what they do together. */
class MiddlewareChainTest {
    private static final String PAGE = "All work and no play makes Jack a dull boy.\n".repeat(50);

    @Test
    void theDocumentedChainWorksAsAWhole(@TempDir Path dir) throws Exception {
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), "frank:" + BasicAuthTest.sha("pw") + "\n");
        Path notFound = Files.writeString(dir.resolve("404.html"), "<h1>No ${status} here</h1>");
        StringWriter log = new StringWriter();
        AccessLog accessLog = AccessLog.to(log, AccessLogFormat.pattern("$remote_addr $remote_user \"$request\" $status"));

        Middleware front = TrustedProxies.trusting("127.0.0.0/8")
                .andThen(accessLog)
                .andThen(new Compression())
                .andThen(new ErrorPages(ErrorPagesConfig.defaults().withPage(404, ErrorPage.fromFiles(notFound, null))))
                .andThen(new BasicAuth(BasicAuthConfig.of(htpasswd).withRealm("Staff")))
                .andThen(RequestSizeLimit.of(1000))
                .andThen(RequestTimeout.of(Duration.ofSeconds(1)));
        Application app = (env, sr) -> switch (env.pathInfo()) {
            case "/page" -> {
                sr.start(200, Header.of("Content-Type", "text/html; charset=utf-8"));
                yield Body.of(PAGE);
            }
            case "/upload" -> {
                env.input().readAllBytes();
                sr.start(200, Header.of("Content-Type", "text/plain"));
                yield Body.of("stored");
            }
            case "/slow" -> {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                yield Body.empty();
            }
            default -> {
                sr.start(404, Header.of("Content-Length", "0"));
                yield Body.empty();
            }
        };

        String auth = "Authorization: " + BasicAuthTest.basic("frank", "pw") + "\r\n";
        try (LiveServer server = new LiveServer(front.wrap(app)); RawHttpClient client = server.connect()) {
            client.send("GET /page HTTP/1.1\r\nHost: site\r\nAccept: text/html\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n");
            RawResponse challenge = client.readResponse();
            assertThat(challenge.status()).isEqualTo(401);
            assertThat(challenge.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Staff\"");
            assertThat(challenge.bodyText()).contains("<h1>401 Unauthorized</h1>");

            client.send("GET /page HTTP/1.1\r\nHost: site\r\nAccept-Encoding: gzip\r\n" + auth + "\r\n");
            RawResponse page = client.readResponse();
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(CompressionTest.gunzip(page.body())).isEqualTo(PAGE);

            client.send("GET /nowhere HTTP/1.1\r\nHost: site\r\n" + auth + "\r\n");
            assertThat(client.readResponse().bodyText()).isEqualTo("<h1>No 404 here</h1>");

            client.send("POST /upload HTTP/1.1\r\nHost: site\r\nTransfer-Encoding: chunked\r\n" + auth + "\r\n"
                    + "4b0\r\n" + "x".repeat(1200) + "\r\n0\r\n\r\n");
            RawResponse tooLarge = client.readResponse();
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.header("Content-Type")).startsWith("text/html");

            client.send("GET /slow HTTP/1.1\r\nHost: site\r\nAccept: text/plain\r\nConnection: close\r\n" + auth + "\r\n");
            RawResponse timedOut = client.readResponse();
            assertThat(timedOut.status()).isEqualTo(504);
            assertThat(timedOut.bodyText()).isEqualTo("504 Gateway Timeout\n");
        }
        assertThat(log.toString().lines().toList()).isEqualTo(List.of(
                "203.0.113.7 - \"GET /page HTTP/1.1\" 401",
                "127.0.0.1 frank \"GET /page HTTP/1.1\" 200",
                "127.0.0.1 frank \"GET /nowhere HTTP/1.1\" 404",
                "127.0.0.1 frank \"POST /upload HTTP/1.1\" 413",
                "127.0.0.1 frank \"GET /slow HTTP/1.1\" 504"));
    }
}
