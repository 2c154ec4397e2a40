package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every server-side rule of the interface, run against a {@link RecordingExchange}. */
class GatewayHandlerTest {
    private static final Header TEXT = Header.of("Content-Type", "text/plain");
    private static final String ERROR_TEXT = "Internal Server Error\n";

    private final RecordingExchange exchange = new RecordingExchange();

    @AfterEach
    void handlerKeptTheExchangeContract() {
        assertThat(exchange.misuse()).isEmpty();
    }

    private boolean run(Application app) {
        return run(app, TestEnvirons.get("/"));
    }

    private boolean run(Application app, Environ environ) {
        return GatewayHandler.run(app, environ, exchange);
    }

    private static Header length(long n) {
        return Header.of("Content-Length", Long.toString(n));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void assertAnswered500(boolean completed) {
        assertThat(completed).isTrue();
        assertThat(exchange.events()).containsExactly("head 500", "body " + ERROR_TEXT, "finish");
    }

    @Test
    void sendsHeadThenBodyThenFinishes() {
        boolean completed = run((env, start) -> {
            start.start(200, TEXT);
            return Body.of("hello");
        });

        assertThat(completed).isTrue();
        assertThat(exchange.events()).containsExactly("head 200", "body hello", "finish");
        assertThat(exchange.head().headers()).containsExactly(TEXT);
        assertThat(exchange.head().contentLength()).isEqualTo(-1);
        assertThat(exchange.head().bodyless()).isFalse();
    }

    @Nested
    class StartOnceUnlessExcInfo {
        @Test
        void rejectsSecondStartWithoutExcInfo() {
            AtomicReference<RuntimeException> thrown = new AtomicReference<>();
            boolean completed = run((env, start) -> {
                start.start(200, TEXT);
                try {
                    start.start(404, TEXT);
                } catch (ContractViolationException e) {
                    thrown.set(e);
                    throw e;
                }
                return Body.of("never sent");
            });

            assertThat(thrown.get()).hasMessageContaining("second time");
            assertAnswered500(completed);
        }

        @Test
        void excInfoBeforeTheHeadReplacesTheResponse() {
            boolean completed = run((env, start) -> {
                start.start(200, TEXT, Header.of("X-First", "1"));
                start.start(Status.of(503), List.of(Header.of("Content-Type", "text/html")), new IOException("backend down"));
                return Body.of("sorry");
            });

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 503", "body sorry", "finish");
            assertThat(exchange.head().headers()).containsExactly(Header.of("Content-Type", "text/html"));
        }

        @Test
        void excInfoAfterTheHeadIsRethrownAndAborts() {
            IOException failure = new IOException("failed mid-stream");
            AtomicReference<Throwable> rethrown = new AtomicReference<>();
            boolean completed = run((env, start) -> {
                Write write = start.start(200, TEXT);
                write.write(bytes("partial"));
                try {
                    start.start(Status.INTERNAL_SERVER_ERROR, List.of(TEXT), failure);
                } catch (Throwable t) {
                    rethrown.set(t);
                    throw t;
                }
                return Body.empty();
            });

            assertThat(rethrown.get()).isSameAs(failure);
            assertThat(completed).isFalse();
            assertThat(exchange.events()).containsExactly("head 200", "body partial", "abort");
        }

        @Test
        void emptyWriteLeavesTheHeadUnsentSoExcInfoCanStillReplaceIt() {
            boolean completed = run((env, start) -> {
                start.start(200, TEXT).write(new byte[0]);
                start.start(Status.of(503), List.of(TEXT), new IllegalStateException("changed my mind"));
                return Body.of("unavailable");
            });

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 503", "body unavailable", "finish");
        }
    }

    @Nested
    class HeaderRulesAtStart {
        @ParameterizedTest
        @ValueSource(strings = {"", "Bad Name", "X:Y", "Caf\u00e9", "X-Bad\r\nInjected", "(comment)"})
        void rejectsHeaderNameThatIsNotAToken(String name) {
            assertAnswered500(run(appWithHeader(Header.of(name, "value"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "a\r\nSet-Cookie: evil=1", "bell\u0007"})
        void rejectsControlCharactersInHeaderValue(String value) {
            assertAnswered500(run(appWithHeader(Header.of("X-Value", value))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Connection", "keep-alive", "Transfer-Encoding", "UPGRADE", "TE", "Trailer",
                "Proxy-Authenticate", "proxy-authorization"})
        void rejectsHopByHopHeaderFromTheApplication(String name) {
            assertAnswered500(run(appWithHeader(Header.of(name, "close"))));
        }

        @Test
        void rejectsControlCharacterInReasonPhrase() {
            assertAnswered500(run((env, start) -> {
                start.start(new Status(200, "OK\r\nX-Injected: 1"), List.of(TEXT));
                return Body.empty();
            }));
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "-1", "+5", "", " 5", "5 ", "\u0661", "1234567890123456789"})
        void rejectsMalformedContentLength(String value) {
            assertAnswered500(run(appWithHeader(Header.of("Content-Length", value))));
        }

        @Test
        void rejectsTwoDifferentContentLengths() {
            assertAnswered500(run((env, start) -> {
                start.start(200, TEXT, length(2), length(3));
                return Body.of("ab");
            }));
        }

        @Test
        void acceptsRepeatedIdenticalContentLength() {
            run((env, start) -> {
                start.start(200, TEXT, length(2), length(2));
                return Body.of("ab");
            });

            assertThat(exchange.events()).containsExactly("head 200", "body ab", "finish");
            assertThat(exchange.head().contentLength()).isEqualTo(2);
        }

        @Test
        void passesHeadersThroughInOrder() {
            run((env, start) -> {
                start.start(200, TEXT, Header.of("Set-Cookie", "a=1"), Header.of("Set-Cookie", "b=2"),
                        Header.of("X-Obs-Text", "caf\u00e9\tok"));
                return Body.empty();
            });

            assertThat(exchange.head().headers()).containsExactly(TEXT, Header.of("Set-Cookie", "a=1"),
                    Header.of("Set-Cookie", "b=2"), Header.of("X-Obs-Text", "caf\u00e9\tok"));
        }

        private Application appWithHeader(Header header) {
            return (env, start) -> {
                start.start(200, TEXT, header);
                return Body.of("never sent");
            };
        }
    }

    @Nested
    class DeferredHead {
        @Test
        void sendsNoHeadBeforeTheFirstNonEmptyChunk() {
            List<Boolean> headSentWhenAsked = new ArrayList<>();
            TrackedBody chunks = TrackedBody.of("", "", "data");
            run((env, start) -> {
                start.start(200, TEXT);
                return () -> {
                    headSentWhenAsked.add(exchange.head() != null);
                    return chunks.next();
                };
            });

            assertThat(headSentWhenAsked).containsExactly(false, false, false, true);
            assertThat(exchange.events()).containsExactly("head 200", "body data", "finish");
        }

        @Test
        void emptyChunkThenAnExceptionStillAnswersAClean500() {
            TrackedBody body = TrackedBody.of("", "").thenFail(new IOException("database gone"));
            boolean completed = run((env, start) -> {
                start.start(200, TEXT);
                return body;
            });

            assertAnswered500(completed);
            assertThat(exchange.head().headers()).containsExactly(Header.of("Content-Type", "text/plain; charset=utf-8"));
            assertThat(exchange.head().contentLength()).isEqualTo(ERROR_TEXT.length());
        }

        @Test
        void emptyWriteThenAnExceptionStillAnswersAClean500() {
            assertAnswered500(run((env, start) -> {
                start.start(200, TEXT).write(new byte[0]);
                throw new IllegalStateException("boom");
            }));
        }
    }

    @Nested
    class ContentLength {
        @Test
        void dropsBytesBeyondTheDeclaredLength() {
            boolean completed = run((env, start) -> {
                start.start(200, TEXT, length(5));
                return Body.of("hello world");
            });

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 200", "body hello", "finish");
        }

        @Test
        void stopsPullingTheBodyOnceTheDeclaredLengthIsReached() {
            TrackedBody body = TrackedBody.of("abc", "def", "ghi");
            run((env, start) -> {
                start.start(200, TEXT, length(5));
                return body;
            });

            assertThat(exchange.bodyText()).isEqualTo("abcde");
            assertThat(body.nextCalls()).isEqualTo(2);
            assertThat(exchange.events()).endsWith("finish");
        }

        @Test
        void dropsWrittenBytesBeyondTheDeclaredLength() {
            run((env, start) -> {
                start.start(200, TEXT, length(3)).write(bytes("abcdef"));
                return Body.of("gh");
            });

            assertThat(exchange.bodyText()).isEqualTo("abc");
            assertThat(exchange.events()).endsWith("finish");
        }

        @Test
        void shortBodyAbortsInsteadOfFinishing() {
            boolean completed = run((env, start) -> {
                start.start(200, TEXT, length(10));
                return Body.of("hello");
            });

            assertThat(completed).isFalse();
            assertThat(exchange.events()).containsExactly("head 200", "body hello", "abort");
        }

        @Test
        void declaredLengthWithNoBodyAtAllAnswers500() {
            assertAnswered500(run((env, start) -> {
                start.start(200, TEXT, length(10));
                return Body.empty();
            }));
        }

        @Test
        void emptyBodyWithoutALengthGetsContentLengthZero() {
            boolean completed = run((env, start) -> {
                start.start(200, TEXT);
                return TrackedBody.of("", "");
            });

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 200", "finish");
            assertThat(exchange.head().contentLength()).isZero();
        }

        @Test
        void declaredZeroLengthWithAnEmptyBodyFinishes() {
            assertThat(run((env, start) -> {
                start.start(200, TEXT, length(0));
                return Body.empty();
            })).isTrue();
            assertThat(exchange.events()).containsExactly("head 200", "finish");
            assertThat(exchange.head().contentLength()).isZero();
        }
    }

    @Nested
    class BodylessResponses {
        @Test
        void headRequestSendsNoBodyAndStopsIterating() {
            TrackedBody body = TrackedBody.of("", "abc", "def");
            boolean completed = run((env, start) -> {
                start.start(200, TEXT);
                return body;
            }, TestEnvirons.head("/"));

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 200", "finish");
            assertThat(exchange.head().bodyless()).isTrue();
            assertThat(body.nextCalls()).isEqualTo(2);
            assertThat(body.closeCalls()).isOne();
        }

        @Test
        void headRequestKeepsTheDeclaredContentLength() {
            boolean completed = run((env, start) -> {
                start.start(200, TEXT, length(100));
                return Body.empty();
            }, TestEnvirons.head("/"));

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 200", "finish");
            assertThat(exchange.head().contentLength()).isEqualTo(100);
        }

        @Test
        void headRequestDropsWrittenBytes() {
            run((env, start) -> {
                start.start(200, TEXT).write(bytes("not for HEAD"));
                return Body.empty();
            }, TestEnvirons.head("/"));

            assertThat(exchange.events()).containsExactly("head 200", "finish");
        }

        @ParameterizedTest
        @ValueSource(ints = {204, 304})
        void noContentAndNotModifiedSendNoBody(int code) {
            boolean completed = run((env, start) -> {
                start.start(code);
                return Body.of("must not be sent");
            });

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head " + code, "finish");
            assertThat(exchange.head().bodyless()).isTrue();
        }

        @Test
        void errorOnAHeadRequestAnswers500WithoutABody() {
            boolean completed = run((env, start) -> {
                throw new IllegalStateException("boom");
            }, TestEnvirons.head("/"));

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 500", "finish");
            assertThat(exchange.head().bodyless()).isTrue();
            assertThat(exchange.head().contentLength()).isEqualTo(ERROR_TEXT.length());
        }
    }

    @Nested
    class BodyIsClosedOnEveryPath {
        @Test
        void afterSuccess() {
            TrackedBody body = TrackedBody.of("ok");
            run(returning(body));

            assertThat(body.closeCalls()).isOne();
        }

        @Test
        void whenNextThrowsBeforeTheHead() {
            TrackedBody body = TrackedBody.of().thenFail(new IllegalStateException("boom"));
            assertAnswered500(run(returning(body)));
            assertThat(body.closeCalls()).isOne();
        }

        @Test
        void whenNextThrowsAfterTheHead() {
            TrackedBody body = TrackedBody.of("part").thenFail(new IOException("boom"));
            assertThat(run(returning(body))).isFalse();
            assertThat(body.closeCalls()).isOne();
        }

        @Test
        void whenTheClientIsGone() {
            exchange.clientGoneOnBody();
            TrackedBody body = TrackedBody.of("lost");
            run(returning(body));

            assertThat(body.closeCalls()).isOne();
        }

        @Test
        void whenFinishFails() {
            exchange.clientGoneOnFinish();
            TrackedBody body = TrackedBody.of("ok");
            assertThat(run(returning(body))).isFalse();

            assertThat(body.closeCalls()).isOne();
            assertThat(exchange.events()).containsExactly("head 200", "body ok", "abort");
        }

        @Test
        void whenStartWasNeverCalled() {
            TrackedBody body = TrackedBody.of();
            assertAnswered500(run((env, start) -> body));
            assertThat(body.closeCalls()).isOne();
        }

        @Test
        void whenTheDeclaredLengthIsNotMet() {
            TrackedBody body = TrackedBody.of("short");
            run((env, start) -> {
                start.start(200, TEXT, length(10));
                return body;
            });

            assertThat(body.closeCalls()).isOne();
        }

        @Test
        void andAnExceptionInCloseIsLoggedWhileTheResponseCompletes() {
            TrackedBody body = TrackedBody.of("ok").failOnClose(new IllegalStateException("close failed"));
            var captured = CapturedStderr.capture(() -> run(returning(body)));

            assertThat(captured.result()).isTrue();
            assertThat(captured.log()).contains("error closing the response body", "IllegalStateException: close failed");
            assertThat(body.closeCalls()).isOne();
            assertThat(exchange.events()).containsExactly("head 200", "body ok", "finish");
        }

        private Application returning(Body body) {
            return (env, start) -> {
                start.start(200, TEXT);
                return body;
            };
        }
    }

    @Nested
    class Errors {
        @Test
        void exceptionBeforeTheHeadAnswers500WithATextBodyAndLogsTheStackTrace() {
            var captured = CapturedStderr.capture(() -> run((env, start) -> {
                start.start(200, TEXT);
                throw new IOException("disk on fire");
            }));

            assertAnswered500(captured.result());
            assertThat(captured.log()).contains("error in the application", "java.io.IOException: disk on fire",
                    "at dev.gatehouse.core.GatewayHandlerTest");
            assertThat(exchange.head().headers()).containsExactly(Header.of("Content-Type", "text/plain; charset=utf-8"));
            assertThat(exchange.head().contentLength()).isEqualTo(ERROR_TEXT.length());
        }

        @Test
        void exceptionAfterTheHeadAborts() {
            boolean completed = run((env, start) -> {
                start.start(200, TEXT).write(bytes("half"));
                throw new IllegalStateException("boom");
            });

            assertThat(completed).isFalse();
            assertThat(exchange.events()).containsExactly("head 200", "body half", "abort");
        }

        @Test
        void failureWhileSendingThe500Aborts() {
            exchange.failOnHead(new IOException("broken pipe"));
            boolean completed = run((env, start) -> {
                throw new IllegalStateException("boom");
            });

            assertThat(completed).isFalse();
            assertThat(exchange.events()).containsExactly("abort");
        }

        @Test
        void interruptedApplicationAnswers500AndKeepsTheInterruptFlag() {
            boolean completed = run((env, start) -> {
                throw new InterruptedException("shutting down");
            });

            assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
            assertAnswered500(completed);
        }

        @Test
        void nullBodyAnswers500() {
            assertAnswered500(run((env, start) -> {
                start.start(200, TEXT);
                return null;
            }));
        }

        @Test
        void applicationThatNeverCallsStartAnswers500() {
            assertAnswered500(run((env, start) -> Body.empty()));
        }

        @Test
        void chunkBeforeStartAnswers500() {
            assertAnswered500(run((env, start) -> Body.of("too early")));
        }

        @Test
        void startMayBeCalledFromTheFirstNext() {
            run((env, start) -> new Body() {
                private boolean done;

                @Override
                public byte[] next() {
                    if (done) return null;
                    done = true;
                    start.start(200, TEXT);
                    return bytes("lazy");
                }
            });

            assertThat(exchange.events()).containsExactly("head 200", "body lazy", "finish");
        }

        @Test
        void protocolErrorReadingTheRequestBodyAnswersItsStatus() {
            boolean completed = run((env, start) -> {
                throw new ProtocolException(413, "request body larger than 1024 bytes");
            });

            assertThat(completed).isTrue();
            assertThat(exchange.events().getFirst()).isEqualTo("head 413");
            assertThat(exchange.events().getLast()).isEqualTo("finish");
        }
    }

    @Nested
    class ClientGone {
        @Test
        void abortsQuietlyWithoutA500() {
            exchange.clientGoneOnBody();
            var captured = CapturedStderr.capture(() -> run((env, start) -> {
                start.start(200, TEXT);
                return Body.of("lost");
            }));

            assertThat(captured.result()).isFalse();
            assertThat(captured.log()).as("a vanished client is logged at debug only").isEmpty();
            assertThat(exchange.events()).containsExactly("head 200", "abort");
        }

        @Test
        void goneWhileTheApplicationReadsTheRequestAbortsWithoutAnyHead() {
            boolean completed = run((env, start) -> {
                throw new ClientGoneException("client closed the connection mid-upload");
            });

            assertThat(completed).isFalse();
            assertThat(exchange.events()).containsExactly("abort");
        }

        @Test
        void goneWrappedInAnotherExceptionIsStillQuiet() {
            boolean completed = run((env, start) -> {
                throw new UncheckedIOException(new ClientGoneException("reset"));
            });

            assertThat(completed).isFalse();
            assertThat(exchange.events()).containsExactly("abort");
        }
    }

    @Nested
    class WriteCallable {
        @Test
        void writtenBytesPrecedeTheBodyChunks() {
            run((env, start) -> {
                Write write = start.start(200, TEXT);
                write.write(bytes("one "));
                write.write(bytes("[two]"), 1, 3);
                return Body.of("three");
            });

            assertThat(exchange.events()).containsExactly("head 200", "body one ", "body two", "body three", "finish");
        }

        @Test
        void writeOutsideTheArrayFailsBeforeAnythingIsSent() {
            assertAnswered500(run((env, start) -> {
                start.start(200, TEXT).write(bytes("abc"), 2, 5);
                return Body.empty();
            }));
        }
    }

    @Nested
    class FileBodies {
        @TempDir
        Path dir;

        private FileChannel digits() throws IOException {
            Path file = dir.resolve("digits.txt");
            Files.writeString(file, "0123456789");
            return FileChannel.open(file);
        }

        @Test
        void goThroughSendFileWithTheirRegion() throws IOException {
            FileChannel channel = digits();
            boolean completed = run((env, start) -> {
                start.start(200, TEXT, length(4));
                return new FileBody(channel, 3, 4);
            });

            assertThat(completed).isTrue();
            assertThat(exchange.events()).containsExactly("head 200", "file 3+4", "finish");
            assertThat(exchange.bodyText()).isEqualTo("3456");
            assertThat(channel.isOpen()).isFalse();
        }

        @Test
        void areCutToTheDeclaredLength() throws IOException {
            FileChannel channel = digits();
            run((env, start) -> {
                start.start(200, TEXT, length(4));
                return new FileBody(channel, 0, 10);
            });

            assertThat(exchange.events()).containsExactly("head 200", "file 0+4", "finish");
        }

        @Test
        void countWrittenBytesAgainstTheDeclaredLength() throws IOException {
            FileChannel channel = digits();
            run((env, start) -> {
                start.start(200, TEXT, length(10)).write(bytes("ab"));
                return new FileBody(channel, 0, 10);
            });

            assertThat(exchange.events()).containsExactly("head 200", "body ab", "file 0+8", "finish");
            assertThat(exchange.bodyText()).isEqualTo("ab01234567");
        }

        @Test
        void sendNothingForAHeadRequest() throws IOException {
            FileChannel channel = digits();
            run((env, start) -> {
                start.start(200, TEXT, length(10));
                return new FileBody(channel, 0, 10);
            }, TestEnvirons.head("/"));

            assertThat(exchange.events()).containsExactly("head 200", "finish");
            assertThat(channel.isOpen()).isFalse();
        }

        @Test
        void shorterThanTheDeclaredLengthAbort() throws IOException {
            FileChannel channel = digits();
            boolean completed = run((env, start) -> {
                start.start(200, TEXT, length(20));
                return new FileBody(channel, 0, 10);
            });

            assertThat(completed).isFalse();
            assertThat(exchange.events()).containsExactly("head 200", "file 0+10", "abort");
        }

        @Test
        void returnedBeforeStartAnswer500AndAreClosed() throws IOException {
            FileChannel channel = digits();
            assertAnswered500(run((env, start) -> new FileBody(channel, 0, 10)));
            assertThat(channel.isOpen()).isFalse();
        }
    }
}
