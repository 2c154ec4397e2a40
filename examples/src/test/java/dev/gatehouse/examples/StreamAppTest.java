package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamAppTest {
    @Test
    void streamsTheAskedChunksWithoutAContentLength() throws Exception {
        Call call = Call.run(new StreamApp(), Call.request("GET", "", "chunks=3&size=4"));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.header("Content-Length")).isNull();
        assertThat(call.chunks).extracting(String::new).containsExactly("aaa\n", "bbb\n", "ccc\n");
    }

    @Test
    void usesTheDefaultsForMissingParameters() throws Exception {
        Call call = Call.run(new StreamApp(), Call.get(""));
        assertThat(call.chunks).hasSize(StreamApp.DEFAULT_CHUNKS).allMatch(c -> c.length == StreamApp.DEFAULT_SIZE);
    }

    @Test
    void streamsNothingForZeroChunks() throws Exception {
        Call call = Call.run(new StreamApp(), Call.request("GET", "", "chunks=0"));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.chunks).isEmpty();
    }

    @Test
    void acceptsTheLargestBoundedValues() throws Exception {
        Call call = Call.run(new StreamApp(), Call.request("GET", "", "chunks=1&size=" + StreamApp.MAX_SIZE));
        assertThat(call.bytes()).hasSize(StreamApp.MAX_SIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunks=-1", "chunks=x", "chunks=", "chunks=100001", "size=0", "size=1048577",
            "size=99999999999", "chunks=1.5", "size=+5"})
    void refusesBadValuesWith400(String query) throws Exception {
        Call call = Call.run(new StreamApp(), Call.request("GET", "", query));
        assertThat(call.code()).isEqualTo(400);
        assertThat(call.text()).contains("chunks must be");
    }
}
