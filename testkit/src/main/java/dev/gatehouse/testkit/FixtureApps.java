package dev.gatehouse.testkit;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileWrapper;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One tiny application per edge case of the gateway interface, each wrapped in the Validator
 * and recorded in the {@link FixtureLedger}.
 * Every factory takes no argument and every expected result is a constant here, so an adapter
 * that runs apps in another process (CGI) can name them as {@code FixtureApps::hello} and its
 * tests still know what to expect.
 */
public final class FixtureApps {
    private FixtureApps() {
    }

    public static final String HELLO = "Hello, world!\n";
    public static final List<String> STREAMED_CHUNKS = List.of("first\n", "second\n", "", "third\n", "fourth\n");
    public static final String STREAMED_TEXT = String.join("", STREAMED_CHUNKS);
    /** Large bodies: a few MiB, not a multiple of any buffer size a server is likely to use. */
    public static final int LARGE_BODY_BYTES = 4 * 1024 * 1024 + 7;
    public static final int FILE_BODY_BYTES = 300_001;
    public static final long FILE_REGION_START = 70_000;
    public static final long FILE_REGION_LENGTH = 131_073;
    public static final String EXC_INFO_BODY = "replaced after: first attempt failed\n";
    public static final String SHORT_BODY_SENT = "0123456789";
    public static final int SHORT_BODY_DECLARED = 20;
    public static final String OVER_LONG_BODY_SENT = "0123456789";
    public static final int OVER_LONG_BODY_DECLARED = 5;
    public static final String RAISES_AFTER_HEAD_FIRST_CHUNK = "head and a first chunk went out\n";
    public static final String WRITTEN_PART = "written by write; ";
    public static final String RETURNED_PART = "returned as the body\n";
    public static final String IGNORED_BODY_ANSWER = "did not read the body\n";
    public static final String HEAD_AWARE_BODY = "a body a HEAD request must not see\n";

    // ---- bodies and framing ----------------------------------------------------------------

    /** {@value #HELLO} as text/plain with a Content-Length. */
    public static Application hello() {
        return validated((environ, start) -> {
            byte[] body = HELLO.getBytes(StandardCharsets.US_ASCII);
            start.start(Status.OK, List.of(textPlain(), contentLength(body.length)));
            return Body.of(body);
        });
    }

    /** {@link #STREAMED_CHUNKS} (an empty one among them) with no Content-Length. */
    public static Application streamed() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(textPlain()));
            return Body.of(STREAMED_CHUNKS.stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList());
        });
    }

    /** {@link #largeBodyContent()} with a Content-Length, in 64 KiB chunks. */
    public static Application largeBody() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(octetStream(), contentLength(LARGE_BODY_BYTES)));
            return Body.of(new java.io.ByteArrayInputStream(largeBodyContent()));
        });
    }

    /** {@link #largeBodyContent()} without a Content-Length. */
    public static Application largeStreamedBody() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(octetStream()));
            return Body.of(new java.io.ByteArrayInputStream(largeBodyContent()));
        });
    }

    public static byte[] largeBodyContent() {
        return pattern(LARGE_BODY_BYTES);
    }

    /** The whole fixture file (see {@link #fileBodyContent()}) through {@code gateway.file_wrapper}. */
    public static Application fileBody() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(octetStream(), contentLength(FILE_BODY_BYTES)));
            return fileWrapper(environ.get(EnvironKeys.FILE_WRAPPER)).wrap(openFixtureFile(), 0, FILE_BODY_BYTES);
        });
    }

    /** The region {@link #FILE_REGION_START} + {@link #FILE_REGION_LENGTH} of the fixture file. */
    public static Application fileRegionBody() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(octetStream(), contentLength(FILE_REGION_LENGTH)));
            return fileWrapper(environ.get(EnvironKeys.FILE_WRAPPER)).wrap(openFixtureFile(), FILE_REGION_START, FILE_REGION_LENGTH);
        });
    }

    public static byte[] fileBodyContent() {
        return pattern(FILE_BODY_BYTES);
    }

    /** Writes {@link #WRITTEN_PART} through the legacy write callable, then returns {@link #RETURNED_PART}. */
    public static Application writeCallable() {
        return validated((environ, start) -> {
            Write write = start.start(Status.OK, List.of(textPlain()));
            write.write(WRITTEN_PART.getBytes(StandardCharsets.US_ASCII));
            return Body.of(RETURNED_PART);
        });
    }

    /** Declares {@link #SHORT_BODY_DECLARED} bytes and sends only {@link #SHORT_BODY_SENT}. */
    public static Application shortBody() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(textPlain(), contentLength(SHORT_BODY_DECLARED)));
            return Body.of(SHORT_BODY_SENT);
        });
    }

    /** Declares {@link #OVER_LONG_BODY_DECLARED} bytes and sends all of {@link #OVER_LONG_BODY_SENT}. */
    public static Application overLongBody() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(textPlain(), contentLength(OVER_LONG_BODY_DECLARED)));
            return Body.of(OVER_LONG_BODY_SENT);
        });
    }

    // ---- HEAD and bodyless statuses ---------------------------------------------------------

    /** Answers HEAD itself with an empty body but the Content-Length a GET would have. */
    public static Application headAware() {
        return validated((environ, start) -> {
            byte[] body = HEAD_AWARE_BODY.getBytes(StandardCharsets.US_ASCII);
            start.start(Status.OK, List.of(textPlain(), contentLength(body.length)));
            return environ.requestMethod().equals("HEAD") ? Body.empty() : Body.of(body);
        });
    }

    /** 204 No Content, no body. */
    public static Application noContent() {
        return validated((environ, start) -> {
            start.start(Status.of(204), List.of());
            return Body.empty();
        });
    }

    // ---- errors ----------------------------------------------------------------------------

    /** Starts a 200, then fails and replaces it, before any byte went out, with a 503 via excInfo. */
    public static Application excInfoReplace() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(textPlain()));
            try {
                throw new IllegalStateException("first attempt failed");
            } catch (IllegalStateException e) {
                start.start(Status.of(503), List.of(textPlain()), e);
                return Body.of("replaced after: " + e.getMessage() + "\n");
            }
        });
    }

    /** Throws before calling start_response. */
    public static Application raisesBeforeHead() {
        return validated((environ, start) -> {
            throw new IllegalStateException("fixture: fails before the head");
        });
    }

    /** Streams {@link #RAISES_AFTER_HEAD_FIRST_CHUNK} with no length, then throws from the body. */
    public static Application raisesAfterHead() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(textPlain()));
            return new Body() {
                private boolean first = true;

                @Override
                public byte[] next() {
                    if (!first) throw new IllegalStateException("fixture: fails after the head");
                    first = false;
                    return RAISES_AFTER_HEAD_FIRST_CHUNK.getBytes(StandardCharsets.US_ASCII);
                }
            };
        });
    }

    /** Sends a hop-by-hop header, which the interface forbids: the server must answer 500. */
    public static Application hopByHopHeader() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(textPlain(), Header.of("Connection", "close")));
            return Body.of("must not be seen\n");
        });
    }

    // ---- request bodies --------------------------------------------------------------------

    /** Reads the whole body, then returns it with the request's Content-Type and a Content-Length. */
    public static Application echoBody() {
        return validated((environ, start) -> {
            byte[] body = environ.input().readAllBytes();
            String type = environ.contentType() == null ? "application/octet-stream" : environ.contentType();
            start.start(Status.OK, List.of(Header.of("Content-Type", type), contentLength(body.length)));
            return Body.of(body);
        });
    }

    /**
     * Reads the body late and slowly: returns at once, then reads the input 8 KiB at a time while
     * the server iterates the body, streaming each piece back (no Content-Length).
     */
    public static Application slowReader() {
        return validated((environ, start) -> {
            start.start(Status.OK, List.of(octetStream()));
            InputStream in = environ.input();
            return () -> {
                byte[] piece = in.readNBytes(8192);
                return piece.length == 0 ? null : piece;
            };
        });
    }

    /** Answers {@link #IGNORED_BODY_ANSWER} without touching the request body. */
    public static Application ignoresBody() {
        return validated((environ, start) -> {
            byte[] body = IGNORED_BODY_ANSWER.getBytes(StandardCharsets.US_ASCII);
            start.start(Status.OK, List.of(textPlain(), contentLength(body.length)));
            return Body.of(body);
        });
    }

    // ---- the request as the app sees it ----------------------------------------------------

    /** The environ as {@code key=value} lines; see {@link EnvironLines}. */
    public static Application environ() {
        return validated((environ, start) -> {
            byte[] body = EnvironLines.format(environ);
            start.start(Status.OK, List.of(textPlain(), contentLength(body.length)));
            return Body.of(body);
        });
    }

    /** PATH_INFO's bytes (its ISO-8859-1 characters), so a client sees exactly what the server decoded. */
    public static Application pathEcho() {
        return validated((environ, start) -> latin1Text(start, environ.pathInfo()));
    }

    /** QUERY_STRING's bytes, unchanged. */
    public static Application queryEcho() {
        return validated((environ, start) -> latin1Text(start, environ.queryString()));
    }

    /** The value of the request header named by the query string ({@code /?X-Name}), or 404 if absent. */
    public static Application headerEcho() {
        return validated((environ, start) -> {
            String value = environ.header(environ.queryString());
            if (value == null) {
                start.start(Status.NOT_FOUND, List.of(textPlain(), contentLength(0)));
                return Body.empty();
            }
            return latin1Text(start, value);
        });
    }

    /**
     * One line for the request corpus: {@code METHOD SCRIPT_NAME+PATH_INFO[?QUERY][ BODY]}, so a
     * replay can tell which request was parsed and with which body.
     */
    public static Application requestSummary() {
        return validated((environ, start) -> {
            String query = environ.queryString().isEmpty() ? "" : "?" + environ.queryString();
            byte[] body = environ.input().readAllBytes();
            String line = environ.requestMethod() + " " + environ.scriptName() + environ.pathInfo() + query
                    + (body.length == 0 ? "" : " " + new String(body, StandardCharsets.ISO_8859_1));
            return latin1Text(start, line);
        });
    }

    /** Waits at {@code gate} (see {@link Gate}) before answering {@value #HELLO}: an in-flight request on demand. */
    public static Application waitsAtGate(Gate gate) {
        return validated((environ, start) -> {
            gate.enterAndWait();
            byte[] body = HELLO.getBytes(StandardCharsets.US_ASCII);
            start.start(Status.OK, List.of(textPlain(), contentLength(body.length)));
            return Body.of(body);
        });
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Wraps a fixture in the Validator, and counts its bodies until closed (see {@link FixtureLedger}). */
    static Application validated(Application app) {
        return FixtureLedger.validatedAndCounted(app);
    }

    /** Deterministic bytes with no short period (251 is prime), so shifted or repeated ranges show. */
    public static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i % 251);
        return bytes;
    }

    private static Body latin1Text(dev.gatehouse.api.StartResponse start, String text) {
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        start.start(Status.OK, List.of(Header.of("Content-Type", "application/octet-stream"), contentLength(body.length)));
        return Body.of(body);
    }

    private static Header textPlain() {
        return Header.of("Content-Type", "text/plain; charset=utf-8");
    }

    private static Header octetStream() {
        return Header.of("Content-Type", "application/octet-stream");
    }

    private static Header contentLength(long length) {
        return Header.of("Content-Length", Long.toString(length));
    }

    private static FileWrapper fileWrapper(Object fromEnviron) {
        return fromEnviron instanceof FileWrapper w ? w : FileWrapper.DEFAULT;
    }

    private static FileChannel openFixtureFile() throws IOException {
        return FileChannel.open(FixtureFile.PATH, StandardOpenOption.READ);
    }

    /** The file behind {@link #fileBody()}, written once per JVM on first use. */
    private static final class FixtureFile {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path file = Files.createTempFile("gatehouse-fixture-", ".bin");
                file.toFile().deleteOnExit();
                Files.write(file, fileBodyContent());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the fixture file", e);
            }
        }
    }
}
