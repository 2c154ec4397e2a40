package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per check of the {@link Validator}, each failing without it, and proof that good requests pass. */
class ValidatorTest {
    private static final Header TEXT = Header.of("Content-Type", "text/plain");
    private static final Application HELLO = (env, start) -> {
        start.start(200, TEXT);
        return Body.of("hello");
    };

    private final Validator validator = new Validator();
    private final ServerStart server = new ServerStart();
    private Environ environ = TestEnvirons.get("/");

    private Body call(Application app) throws Exception {
        return validator.wrap(app).call(environ, server);
    }

    private static Application answering(Body body) {
        return (env, start) -> {
            start.start(200, TEXT);
            return body;
        };
    }

    /** Iterates the body to its end and closes it, as a server does. */
    private static String drain(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = body.next()) != null) out.write(chunk);
        body.close();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private void assertServerBreach(ThrowingCallable call, String rule) {
        assertBreach(call, "server: ", rule);
    }

    private void assertAppBreach(ThrowingCallable call, String rule) {
        assertBreach(call, "application: ", rule);
    }

    private void assertBreach(ThrowingCallable call, String side, String rule) {
        assertThatThrownBy(call).isInstanceOf(ContractViolationException.class)
                .hasMessageStartingWith(side).hasMessageContaining(rule);
        assertThat(validator.violations()).singleElement()
                .satisfies(breach -> assertThat(breach).hasMessageStartingWith(side).hasMessageContaining(rule));
    }

    @Test
    void passesAWellBehavedRequestThroughUnchanged() throws Exception {
        assertThat(drain(call(HELLO))).isEqualTo("hello");
        assertThat(server.statuses).containsExactly(Status.OK);
        assertThat(validator.violations()).isEmpty();
    }

    @Nested
    class EnvironFromTheServer {
        @Test
        void rejectsNullEnviron() {
            assertServerBreach(() -> validator.wrap(HELLO).call(null, server), "environ is null");
        }

        @Test
        void rejectsNullStartCallable() {
            assertServerBreach(() -> validator.wrap(HELLO).call(environ, null), "start callable is null");
        }

        @ParameterizedTest
        @ValueSource(strings = {EnvironKeys.REQUEST_METHOD, EnvironKeys.SCRIPT_NAME, EnvironKeys.PATH_INFO,
                EnvironKeys.QUERY_STRING, EnvironKeys.SERVER_NAME, EnvironKeys.SERVER_PORT, EnvironKeys.SERVER_PROTOCOL,
                EnvironKeys.VERSION, EnvironKeys.URL_SCHEME, EnvironKeys.INPUT, EnvironKeys.ERRORS, EnvironKeys.MULTITHREAD,
                EnvironKeys.MULTIPROCESS, EnvironKeys.RUN_ONCE})
        void rejectsEnvironWithoutARequiredKey(String key) {
            environ.remove(key);
            assertServerBreach(() -> call(HELLO), "lacks the required key " + key);
        }

        @Test
        void acceptsEnvironWithoutTheOptionalKeys() throws Exception {
            for (String key : List.of(EnvironKeys.INPUT_TERMINATED, EnvironKeys.FILE_WRAPPER, EnvironKeys.REMOTE_ADDR,
                    EnvironKeys.CONTENT_TYPE, EnvironKeys.CONTENT_LENGTH)) {
                environ.remove(key);
            }
            assertThat(drain(call(HELLO))).isEqualTo("hello");
        }

        @Test
        void rejectsCgiVariableThatIsNotAString() {
            environ.put(EnvironKeys.SERVER_PORT, 8080);
            assertServerBreach(() -> call(HELLO), "SERVER_PORT must map to a String");
        }

        @Test
        void rejectsHeaderVariableThatIsNotAString() {
            environ.put("HTTP_X_COUNT", 3);
            assertServerBreach(() -> call(HELLO), "HTTP_X_COUNT must map to a String");
        }

        @Test
        void rejectsCharacterAboveLatin1() {
            environ.put("HTTP_USER_AGENT", "costs \u20ac5");
            assertServerBreach(() -> call(HELLO), "HTTP_USER_AGENT has a character above 0xFF");
        }

        @Test
        void acceptsLatin1CharactersAndNamespacedKeysOfAnyType() throws Exception {
            environ.put(EnvironKeys.PATH_INFO, "/caf\u00c3\u00a9");
            environ.put("mything.session", new Object());
            assertThat(drain(call(HELLO))).isEqualTo("hello");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "GE T", "GET\r\n", "G(ET)"})
        void rejectsRequestMethodThatIsNotAToken(String method) {
            environ.put(EnvironKeys.REQUEST_METHOD, method);
            assertServerBreach(() -> call(HELLO), "REQUEST_METHOD must be a token");
        }

        @ParameterizedTest
        @ValueSource(strings = {"app", "/app/", "/"})
        void rejectsScriptNameThatIsNotEmptyOrASlashPath(String scriptName) {
            environ.put(EnvironKeys.SCRIPT_NAME, scriptName);
            assertServerBreach(() -> call(HELLO), "SCRIPT_NAME must be empty or start with '/'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "/app", "/a/b"})
        void acceptsScriptName(String scriptName) throws Exception {
            environ.put(EnvironKeys.SCRIPT_NAME, scriptName);
            assertThat(drain(call(HELLO))).isEqualTo("hello");
        }

        @ParameterizedTest
        @ValueSource(strings = {"index.html", "*"})
        void rejectsPathInfoWithoutALeadingSlash(String pathInfo) {
            environ.put(EnvironKeys.PATH_INFO, pathInfo);
            assertServerBreach(() -> call(HELLO), "PATH_INFO must be empty or start with '/'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "/"})
        void acceptsEmptyOrRootPathInfo(String pathInfo) throws Exception {
            environ.put(EnvironKeys.PATH_INFO, pathInfo);
            assertThat(drain(call(HELLO))).isEqualTo("hello");
        }

        @Test
        void rejectsEmptyServerName() {
            environ.put(EnvironKeys.SERVER_NAME, "");
            assertServerBreach(() -> call(HELLO), "SERVER_NAME is empty");
        }

        @Test
        void rejectsEmptyServerPort() {
            environ.put(EnvironKeys.SERVER_PORT, "");
            assertServerBreach(() -> call(HELLO), "SERVER_PORT is empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "+5", "-1", "1.0", " 5", "0x10", "\u0661"})
        void rejectsContentLengthThatIsNotDigits(String length) {
            environ.put(EnvironKeys.CONTENT_LENGTH, length);
            assertServerBreach(() -> call(HELLO), "CONTENT_LENGTH");
        }

        @ParameterizedTest
        @ValueSource(strings = {"HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"})
        void rejectsContentHeadersUnderHttpNames(String key) {
            environ.put(key, "0");
            assertServerBreach(() -> call(HELLO), "the environ has " + key);
        }

        @Test
        void rejectsAnotherInterfaceVersion() {
            environ.put(EnvironKeys.VERSION, "2.0");
            assertServerBreach(() -> call(HELLO), "gateway.version must be \"1.0\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp", "HTTP", ""})
        void rejectsUnknownUrlScheme(String scheme) {
            environ.put(EnvironKeys.URL_SCHEME, scheme);
            assertServerBreach(() -> call(HELLO), "gateway.url_scheme must be \"http\" or \"https\"");
        }

        @Test
        void acceptsHttpsUrlScheme() throws Exception {
            environ.put(EnvironKeys.URL_SCHEME, "https");
            assertThat(drain(call(HELLO))).isEqualTo("hello");
        }

        @Test
        void rejectsInputThatIsNotAnInputStream() {
            environ.put(EnvironKeys.INPUT, "the body");
            assertServerBreach(() -> call(HELLO), "gateway.input must be of type InputStream");
        }

        @Test
        void rejectsErrorsThatIsNotAPrintStream() {
            environ.put(EnvironKeys.ERRORS, new ByteArrayOutputStream());
            assertServerBreach(() -> call(HELLO), "gateway.errors must be of type PrintStream");
        }

        @ParameterizedTest
        @ValueSource(strings = {EnvironKeys.MULTITHREAD, EnvironKeys.MULTIPROCESS, EnvironKeys.RUN_ONCE,
                EnvironKeys.INPUT_TERMINATED})
        void rejectsFlagThatIsNotABoolean(String key) {
            environ.put(key, "true");
            assertServerBreach(() -> call(HELLO), key + " must be of type Boolean");
        }

        @Test
        void rejectsFileWrapperOfAnotherType() {
            environ.put(EnvironKeys.FILE_WRAPPER, "sendfile");
            assertServerBreach(() -> call(HELLO), "gateway.file_wrapper must be of type FileWrapper");
        }

        @Test
        void doesNotCallTheApplicationWithABrokenEnviron() {
            environ.put(EnvironKeys.SERVER_NAME, "");
            List<Environ> seen = new ArrayList<>();
            assertThatThrownBy(() -> call((env, start) -> {
                seen.add(env);
                return Body.empty();
            })).isInstanceOf(ContractViolationException.class);
            assertThat(seen).isEmpty();
        }
    }

    @Nested
    class InputFromTheServer {
        private Application readsAll = (env, start) -> {
            byte[] body = env.input().readAllBytes();
            start.start(200, TEXT);
            return Body.of(body);
        };

        @Test
        void passesTheRequestBodyThrough() throws Exception {
            environ = TestEnvirons.request("POST", "/", "abc");
            assertThat(drain(call(readsAll))).isEqualTo("abc");
        }

        @Test
        void acceptsAnyLengthWhenNoneWasDeclared() throws Exception {
            environ.put(EnvironKeys.INPUT, new ByteArrayInputStream("chunked upload".getBytes(StandardCharsets.US_ASCII)));
            assertThat(drain(call(readsAll))).isEqualTo("chunked upload");
        }

        @Test
        void rejectsInputYieldingMoreThanContentLength() {
            environ = TestEnvirons.request("POST", "/", "abc");
            environ.put(EnvironKeys.INPUT, new ByteArrayInputStream("abc and the next request".getBytes(StandardCharsets.US_ASCII)));
            assertServerBreach(() -> call(readsAll), "more than CONTENT_LENGTH 3");
        }

        @Test
        void countsSingleByteReadsAgainstContentLength() {
            environ = TestEnvirons.request("POST", "/", "ab");
            environ.put(EnvironKeys.INPUT, new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
            assertServerBreach(() -> call((env, start) -> {
                while (env.input().read() >= 0) {
                    // read to the end, one byte at a time
                }
                return Body.empty();
            }), "more than CONTENT_LENGTH 2");
        }

        @Test
        void rejectsReadReturningSomethingOtherThanAByte() {
            environ.put(EnvironKeys.INPUT, new InputStream() {
                @Override
                public int read() {
                    return 256;
                }
            });
            assertServerBreach(() -> call((env, start) -> {
                env.input().read();
                return Body.empty();
            }), "read() returned 256");
        }

        @Test
        void rejectsReadReturningZeroBytes() {
            environ.put(EnvironKeys.INPUT, returningFromBulkRead(0));
            assertServerBreach(() -> call((env, start) -> {
                env.input().read(new byte[8], 0, 8);
                return Body.empty();
            }), "returned 0");
        }

        @Test
        void rejectsReadReturningMoreThanAsked() {
            environ.put(EnvironKeys.INPUT, returningFromBulkRead(9));
            assertServerBreach(() -> call((env, start) -> {
                env.input().read(new byte[16], 0, 8);
                return Body.empty();
            }), "returned 9");
        }

        @Test
        void acceptsEndOfStreamForAZeroLengthRead() throws Exception {
            AtomicReference<Integer> result = new AtomicReference<>();
            call((env, start) -> {
                env.input().readAllBytes();
                result.set(env.input().read(new byte[0], 0, 0));
                return Body.empty();
            });
            assertThat(result.get()).isIn(0, -1);
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void rejectsTheApplicationClosingInput() {
            assertAppBreach(() -> call((env, start) -> {
                try (InputStream in = env.input()) {
                    in.readAllBytes();
                }
                return Body.empty();
            }), "closed gateway.input");
        }

        @Test
        void rejectsTheApplicationClosingErrors() {
            assertAppBreach(() -> call((env, start) -> {
                env.errors().close();
                return Body.empty();
            }), "closed gateway.errors");
        }

        @Test
        void letsTheServerCloseItsStreamsOnceTheBodyIsClosed() throws Exception {
            drain(call(HELLO));
            environ.input().close();
            environ.errors().close();
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void passesErrorOutputThrough() throws Exception {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            environ.put(EnvironKeys.ERRORS, new PrintStream(log, false, StandardCharsets.UTF_8));
            drain(call((env, start) -> {
                env.errors().println("caf\u00e9 is closed");
                start.start(200, TEXT);
                return Body.empty();
            }));
            assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("caf\u00e9 is closed" + System.lineSeparator());
        }

        private static InputStream returningFromBulkRead(int n) {
            return new InputStream() {
                @Override
                public int read() {
                    return 'x';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return n;
                }
            };
        }
    }

    @Nested
    class StartFromTheApplication {
        @Test
        void rejectsNullStatus() {
            assertAppBreach(() -> call((env, start) -> {
                start.start((Status) null, List.of(TEXT));
                return Body.empty();
            }), "the status is null");
        }

        @Test
        void rejectsNullHeaderList() {
            assertAppBreach(() -> call((env, start) -> {
                start.start(Status.OK, null);
                return Body.empty();
            }), "the header list is null");
        }

        @ParameterizedTest
        @ValueSource(ints = {100, 101, 199, 600, 999})
        void rejectsStatusThatIsNotFinal(int code) {
            assertAppBreach(() -> call(withHead(Status.of(code), TEXT)), code + " is not a final status");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Connection", "Transfer-Encoding", "Bad Name", "X:Y"})
        void rejectsHeaderNameBreakingTheHeaderRules(String name) {
            assertAppBreach(() -> call(withHead(Status.OK, TEXT, Header.of(name, "x"))), name);
        }

        @Test
        void rejectsHeaderValueWithCrLf() {
            assertAppBreach(() -> call(withHead(Status.OK, TEXT, Header.of("Location", "/x\r\nSet-Cookie: a=1"))),
                    "control character");
        }

        @Test
        void rejectsNullHeaderInTheList() {
            assertAppBreach(() -> call((env, start) -> {
                start.start(Status.OK, Arrays.asList(TEXT, null));
                return Body.empty();
            }), "null header");
        }

        @Test
        void rejectsStatusHeader() {
            assertAppBreach(() -> call(withHead(Status.OK, TEXT, Header.of("Status", "404 Not Found"))),
                    "a Status header is CGI's way");
        }

        @Test
        void rejectsTwoContentLengthsEvenWhenEqual() {
            assertAppBreach(() -> call(withHead(Status.OK, TEXT, Header.of("Content-Length", "5"),
                    Header.of("content-length", "5"))), "more than one Content-Length");
        }

        @Test
        void rejectsContentLengthThatIsNotDigits() {
            assertAppBreach(() -> call(withHead(Status.OK, TEXT, Header.of("Content-Length", "+5"))),
                    "Content-Length must be ASCII digits");
        }

        @Test
        void requiresAContentType() {
            assertAppBreach(() -> call(withHead(Status.OK)), "a 200 response needs a Content-Type");
        }

        @ParameterizedTest
        @ValueSource(ints = {204, 304})
        void allowsNoContentTypeWhereNoBodyIsAllowed(int code) throws Exception {
            drain(call(withHead(Status.of(code))));
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void allowsNoContentTypeForADeclaredEmptyBody() throws Exception {
            drain(call(withHead(Status.of(302), Header.of("Location", "/elsewhere"), Header.of("Content-Length", "0"))));
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void rejectsSecondStartWithoutExcInfo() {
            assertAppBreach(() -> call((env, start) -> {
                start.start(200, TEXT);
                start.start(404, TEXT);
                return Body.empty();
            }), "start called a second time without excInfo");
            assertThat(server.statuses).containsExactly(Status.OK);
        }

        @Test
        void allowsSecondStartWithExcInfo() throws Exception {
            drain(call((env, start) -> {
                start.start(200, TEXT);
                start.start(Status.of(503), List.of(TEXT), new IllegalStateException("changed my mind"));
                return Body.empty();
            }));
            assertThat(server.statuses).containsExactly(Status.OK, Status.of(503));
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void doesNotPassABrokenHeadToTheServer() {
            assertThatThrownBy(() -> call(withHead(Status.OK, TEXT, Header.of("Upgrade", "websocket"))))
                    .isInstanceOf(ContractViolationException.class);
            assertThat(server.statuses).isEmpty();
        }

        @Test
        void rejectsNullWriteCallableFromTheServer() {
            server.returnNullWrite = true;
            assertServerBreach(() -> call(HELLO), "start returned a null write callable");
        }

        private static Application withHead(Status status, Header... headers) {
            return (env, start) -> {
                start.start(status, List.of(headers));
                return Body.empty();
            };
        }
    }

    @Nested
    class BodyFromTheApplication {
        @TempDir
        Path dir;

        @Test
        void rejectsNullBody() {
            assertAppBreach(() -> call((env, start) -> {
                start.start(200, TEXT);
                return null;
            }), "null body");
        }

        @Test
        void rejectsChunkBeforeStart() throws Exception {
            Body body = call((env, start) -> Body.of("too early"));
            assertAppBreach(body::next, "the body produced a chunk before start was called");
        }

        @Test
        void rejectsEvenAnEmptyChunkBeforeStart() throws Exception {
            Body body = call((env, start) -> Body.of(new byte[0]));
            assertAppBreach(body::next, "before start was called");
        }

        @Test
        void rejectsBodyEndingWithoutStart() throws Exception {
            Body body = call((env, start) -> Body.empty());
            assertAppBreach(body::next, "the body ended but start was never called");
        }

        @Test
        void allowsStartFromTheFirstNext() throws Exception {
            Body body = call((env, start) -> () -> {
                start.start(200, TEXT);
                return null;
            });
            assertThat(drain(body)).isEmpty();
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void passesAFileBodyThroughUnwrappedForZeroCopy() throws Exception {
            FileBody file = new FileBody(channelOf("0123456789"), 2, 8);
            Body body = call(answering(file));
            assertThat(body).isSameAs(file);
            body.close();
        }

        @Test
        void rejectsFileBodyReturnedBeforeStart() throws Exception {
            FileChannel channel = channelOf("0123456789");
            assertAppBreach(() -> call((env, start) -> new FileBody(channel, 0, 10)), "FileBody was returned before start");
            channel.close();
        }

        @Test
        void rejectsFileBodyRegionPastTheEndOfTheFile() throws Exception {
            FileChannel channel = channelOf("0123456789");
            assertAppBreach(() -> call(answering(new FileBody(channel, 5, 6))), "reaches past the end of the file (10 bytes)");
            channel.close();
        }

        private FileChannel channelOf(String content) throws IOException {
            Path file = Files.writeString(dir.resolve("file.txt"), content);
            return FileChannel.open(file);
        }
    }

    @Nested
    class WriteFromTheApplication {
        @Test
        void passesWrittenBytesToTheServer() throws Exception {
            drain(call((env, start) -> {
                start.start(200, TEXT).write("[written]".getBytes(StandardCharsets.US_ASCII), 1, 7);
                return Body.empty();
            }));
            assertThat(server.written.toString(StandardCharsets.US_ASCII)).isEqualTo("written");
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void rejectsNullArray() {
            assertAppBreach(() -> call((env, start) -> {
                start.start(200, TEXT).write(null, 0, 0);
                return Body.empty();
            }), "write called with a null array");
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 3, 4})
        void rejectsRangeOutsideTheArray(int offset) {
            assertAppBreach(() -> call((env, start) -> {
                start.start(200, TEXT).write(new byte[4], offset, 2);
                return Body.empty();
            }), "lies outside the array of 4");
        }

        @Test
        void rejectsNegativeLength() {
            assertAppBreach(() -> call((env, start) -> {
                start.start(200, TEXT).write(new byte[4], 0, -1);
                return Body.empty();
            }), "lies outside the array");
        }

        @Test
        void rejectsWriteAfterCallReturned() throws Exception {
            Body body = call((env, start) -> {
                Write write = start.start(200, TEXT);
                return () -> {
                    write.write("late".getBytes(StandardCharsets.US_ASCII));
                    return null;
                };
            });
            assertAppBreach(body::next, "write called after call returned");
            assertThat(server.written.size()).isZero();
        }
    }

    @Nested
    class BodyIterationByTheServer {
        @Test
        void rejectsNextAfterTheEnd() throws Exception {
            Body body = call(HELLO);
            body.next();
            assertThat(body.next()).isNull();
            assertServerBreach(body::next, "called again after it returned null");
        }

        @Test
        void rejectsNextAfterClose() throws Exception {
            Body body = call(HELLO);
            body.close();
            assertServerBreach(body::next, "body.next() called after body.close()");
        }

        @Test
        void rejectsSecondClose() throws Exception {
            Body body = call(HELLO);
            body.close();
            assertServerBreach(body::close, "body.close() called twice");
        }

        @Test
        void closesTheApplicationsBodyOnce() throws Exception {
            TrackedBody tracked = TrackedBody.of("a", "b");
            assertThat(drain(call(answering(tracked)))).isEqualTo("ab");
            assertThat(tracked.closeCalls()).isOne();
        }
    }

    @Nested
    class AroundTheGatewayHandler {
        private final RecordingExchange exchange = new RecordingExchange();

        @Test
        void aWellBehavedApplicationRunsWithoutViolations() {
            environ = TestEnvirons.request("POST", "/echo", "ping");
            boolean completed = GatewayHandler.run(validator.wrap((env, start) -> {
                byte[] body = env.input().readAllBytes();
                start.start(200, TEXT, Header.of("Content-Length", Integer.toString(body.length)));
                return Body.of(body);
            }), environ, exchange);

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 200", "body ping", "finish");
            assertThat(validator.violations()).isEmpty();
        }

        @Test
        void anApplicationBreachIsAnswered500() {
            GatewayHandler.run(validator.wrap((env, start) -> {
                start.start(200, Header.of("Status", "200 OK"));
                return Body.empty();
            }), environ, exchange);

            assertThat(exchange.head().status()).isEqualTo(Status.INTERNAL_SERVER_ERROR);
            assertThat(validator.violations()).singleElement()
                    .satisfies(breach -> assertThat(breach).hasMessageContaining("Status header"));
        }

        @Test
        void keepsABreachTheServerOnlyLogged() {
            boolean completed = GatewayHandler.run(validator.wrap((env, start) -> {
                start.start(200, TEXT);
                return new Body() {
                    @Override
                    public byte[] next() {
                        return null;
                    }

                    @Override
                    public void close() throws IOException {
                        env.input().close(); // not the app's to close: thrown from close, the handler only logs it
                    }
                };
            }), environ, exchange);

            assertThat(completed).isTrue();
            assertThat(validator.violations()).singleElement()
                    .satisfies(breach -> assertThat(breach).hasMessageContaining("closed gateway.input"));
        }
    }

    /** A server's start callable: records each status and collects written bytes. */
    private static final class ServerStart implements StartResponse {
        final List<Status> statuses = new ArrayList<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean returnNullWrite;

        @Override
        public Write start(Status status, List<Header> headers, Throwable excInfo) {
            statuses.add(status);
            return returnNullWrite ? null : written::write;
        }
    }
}
