package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EchoAppTest {
    @Test
    void returnsTheBodyUnchangedWithItsContentType() throws Exception {
        byte[] body = new byte[200_000];
        new Random(1).nextBytes(body);
        Call call = Call.run(new EchoApp(), Call.withBody(Call.request("POST", "", ""), "image/png", body));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.bytes()).isEqualTo(body);
        assertThat(call.header("Content-Type")).isEqualTo("image/png");
        assertThat(call.header("Content-Length")).isEqualTo("200000");
    }

    @Test
    void readsABodyOfUnknownLengthToItsEnd() throws Exception {
        Environ chunked = Call.request("PUT", "", "")
                .put(EnvironKeys.INPUT, new ByteArrayInputStream("no length given".getBytes()))
                .put(EnvironKeys.INPUT_TERMINATED, true);
        Call call = Call.run(new EchoApp(), chunked);
        assertThat(call.text()).isEqualTo("no length given");
        assertThat(call.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(call.header("Content-Length")).isEqualTo("15");
    }

    @Test
    void answersAnEmptyBodyToAGet() throws Exception {
        Call call = Call.run(new EchoApp(), Call.get(""));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.bytes()).isEmpty();
        assertThat(call.header("Content-Length")).isEqualTo("0");
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingIt() throws Exception {
        ByteArrayInputStream input = new ByteArrayInputStream(new byte[11]);
        Environ environ = Call.withBody(Call.request("POST", "", ""), "text/plain", new byte[0])
                .put(EnvironKeys.CONTENT_LENGTH, "11")
                .put(EnvironKeys.INPUT, input);
        Call call = Call.run(new EchoApp(10), environ);
        assertThat(call.code()).isEqualTo(413);
        assertThat(input.available()).isEqualTo(11);
    }

    @Test
    void refusesAnUndeclaredBodyThatGrowsPastTheLimit() throws Exception {
        Environ environ = Call.request("POST", "", "").put(EnvironKeys.INPUT, new ByteArrayInputStream(new byte[11]));
        assertThat(Call.run(new EchoApp(10), environ).code()).isEqualTo(413);
        Environ fits = Call.request("POST", "", "").put(EnvironKeys.INPUT, new ByteArrayInputStream(new byte[10]));
        assertThat(Call.run(new EchoApp(10), fits).bytes()).hasSize(10);
    }
}
