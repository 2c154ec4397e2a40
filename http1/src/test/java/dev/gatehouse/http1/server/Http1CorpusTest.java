package dev.gatehouse.http1.server;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.CorpusCase;
import dev.gatehouse.testkit.CorpusReplay;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.Segmentation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every case of the request corpus ({@code src/test/resources/corpus}, format in
 * {@link CorpusCase}) against a server with the default limits, in one write, line by line, byte
 * by byte and in seeded random pieces.
 */
class Http1CorpusTest {
    private static final List<CorpusCase> CORPUS = CorpusCase.loadFromClasspath(Http1CorpusTest.class, "/corpus");
    private static Http1Server server;
    private static CorpusReplay replay;

    @BeforeAll
    static void startServer() throws Exception {
        server = new Http1Server(FixtureApps.requestSummary(), Http1Config.defaults())
                .listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        replay = new CorpusReplay(server.addresses().getFirst().toSocketAddress());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.shutdown();
    }

    static Stream<Arguments> casesBySegmentation() {
        return CORPUS.stream().flatMap(c -> Stream.of(Segmentation.values()).map(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("casesBySegmentation")
    void corpusCaseHoldsWhateverTheSegmentation(CorpusCase corpusCase, Segmentation segmentation) throws Exception {
        replay.replay(corpusCase, segmentation);
    }

    @Test
    void corpusIsLoaded() {
        assertThat(CORPUS).hasSizeGreaterThan(50);
    }
}
