package dev.gatehouse.bench;

import dev.gatehouse.http1.codec.Http1Reader;
import dev.gatehouse.http1.codec.Http1Request;
import dev.gatehouse.http1.codec.Http1RequestDecoder;
import dev.gatehouse.http1.server.Http1Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request-head parsing by {@link Http1RequestDecoder}, from memory: one persistent connection
 * whose source hands out the same request again and again (one request per read, as a
 * keep-alive client sends them), so each operation is one {@code decode()} with the server's
 * default limits: request line, header fields, framing, Host and keep-alive resolved.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Http1RequestDecoderBench -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class Http1RequestDecoderBench {

    /** A browser navigation: origin-form target with a query, eight header fields (Chrome-like). */
    static final String BROWSER_GET = """
            GET /articles/2026/11/gateway-interface?ref=home&page=2 HTTP/1.1\r
            Host: www.example.org\r
            Connection: keep-alive\r
            Upgrade-Insecure-Requests: 1\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36\r
            Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r
            Referer: https://www.example.org/\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Accept-Language: en-GB,en;q=0.9,de;q=0.8\r
            \r
            """;

    /** What wrk sends in the load run: a request line and Host. */
    static final String SMALL_GET = """
            GET /hello HTTP/1.1\r
            Host: 127.0.0.1:28080\r
            \r
            """;

    @Param({"browser", "small"})
    public String request;

    private Http1RequestDecoder decoder;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] bytes = (request.equals("browser") ? BROWSER_GET : SMALL_GET).getBytes(StandardCharsets.ISO_8859_1);
        Http1Config c = Http1Config.defaults();
        int bufferSize = Http1RequestDecoder.bufferSizeFor(c.maxRequestLineBytes(), c.maxHeaderFieldBytes());
        Http1Reader reader = new Http1Reader(new Repeating(bytes), bufferSize, bufferSize);
        decoder = new Http1RequestDecoder(reader, c.maxRequestLineBytes(), c.maxHeaderFieldBytes(), c.maxHeaderBytes(), c.maxHeaderCount());
        Http1Request check = decoder.decode();
        if (check == null || !check.keepAlive() || check.host() == null) throw new IllegalStateException("unexpected parse: " + check);
    }

    @Benchmark
    public Http1Request decode() throws IOException {
        return decoder.decode();
    }

    /** An endless stream of one request, handed out one whole request (or the rest of one) per read. */
    private static final class Repeating implements Http1Reader.Source {
        private final byte[] request;
        private int at;

        Repeating(byte[] request) {
            this.request = request;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = Math.min(length, request.length - at);
            System.arraycopy(request, at, buffer, offset, n);
            at = (at + n) % request.length;
            return n;
        }
    }
}
