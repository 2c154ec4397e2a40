package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Replays a {@link CorpusCase} against a server and checks the outcome. The server must run
 * {@link FixtureApps#requestSummary()}, so a response body names the request that was parsed.
 * <ul>
 *   <li>{@code close} cases: the case's bytes are followed, in the same stream, by a valid
 *       {@link #FOLLOW_UP} request; the expected responses must arrive, then the connection must
 *       close with no further byte: nothing after a rejected request is ever parsed. Error
 *       responses must say {@code Connection: close}.</li>
 *   <li>{@code keep-alive} cases: after the expected responses, the follow-up request is sent on
 *       the same connection and must be answered as itself, which shows the server is still in
 *       step with the stream.</li>
 * </ul>
 */
public final class CorpusReplay {
    public static final String FOLLOW_UP = "GET /follow-up HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String FOLLOW_UP_SUMMARY = "GET /follow-up";
    private final SocketAddress server;

    public CorpusReplay(SocketAddress server) {
        this.server = server;
    }

    /** A seed that differs per case and segmentation but is the same on every run. */
    public static long seedFor(CorpusCase c, Segmentation segmentation) {
        return c.name().hashCode() * 31L + segmentation.ordinal();
    }

    public void replay(CorpusCase c, Segmentation segmentation) throws IOException {
        long seed = seedFor(c, segmentation);
        String context = c.name() + " [" + segmentation + ", seed " + seed + "] " + c.description()
                + "\n  request bytes: " + EscapedBytes.abbreviate(c.bytes(), 400) + "\n ";
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            if (c.expectClose()) replayRejected(c, segmentation, seed, client, context);
            else replayKeptAlive(c, segmentation, seed, client, context);
        } catch (RawHttpClient.TimeoutException | RawHttpClient.NoResponseException | RawHttpClient.MalformedResponseException e) {
            fail(context + " " + e.getMessage(), e);
        }
    }

    private void replayRejected(CorpusCase c, Segmentation segmentation, long seed, RawHttpClient client, String context) throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(c.bytes());
        stream.writeBytes(FOLLOW_UP.getBytes(StandardCharsets.US_ASCII));
        client.sendPieces(segmentation.split(stream.toByteArray(), seed), segmentation.pause()); // may stop early: the server closed
        List<RawResponse> responses = readExpected(c, client, context);
        for (RawResponse r : responses) {
            if (r.status() >= 400) assertThat(r.announcesClose()).as(context + " error response must say Connection: close: " + r).isTrue();
        }
        byte[] rest = client.readToEnd();
        assertThat(EscapedBytes.encode(rest))
                .as(context + " bytes after the expected responses (the follow-up request must not be parsed)")
                .isEmpty();
    }

    private void replayKeptAlive(CorpusCase c, Segmentation segmentation, long seed, RawHttpClient client, String context) throws IOException {
        boolean sent = client.sendPieces(segmentation.split(c.bytes(), seed), segmentation.pause());
        List<RawResponse> responses = readExpected(c, client, context);
        assertThat(sent).as(context + " the server closed the connection while the request was being sent").isTrue();
        for (RawResponse r : responses) assertThat(r.announcesClose()).as(context + " response closes the connection: " + r).isFalse();
        assertThat(client.send(FOLLOW_UP)).as(context + " connection still open for the follow-up request").isTrue();
        RawResponse followUp = client.readFinalResponse();
        assertThat(followUp.status()).as(context + " follow-up status").isEqualTo(200);
        assertThat(followUp.bodyText()).as(context + " follow-up parsed as itself").isEqualTo(FOLLOW_UP_SUMMARY);
    }

    private List<RawResponse> readExpected(CorpusCase c, RawHttpClient client, String context) throws IOException {
        List<RawResponse> responses = client.readResponses(c.expectedStatuses().size());
        for (int i = 0; i < responses.size(); i++) {
            RawResponse r = responses.get(i);
            assertThat(r.status()).as(context + " status of response " + (i + 1) + ": " + r).isEqualTo(c.expectedStatuses().get(i));
            assertThat(r.complete()).as(context + " response " + (i + 1) + " complete: " + r).isTrue();
            if (!c.expectedBodies().isEmpty()) {
                assertThat(EscapedBytes.encode(r.body())).as(context + " body of response " + (i + 1))
                        .isEqualTo(EscapedBytes.encode(c.expectedBodies().get(i)));
            }
        }
        return responses;
    }
}
