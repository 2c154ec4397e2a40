package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelloAppTest {
    @Test
    void saysHelloAsPlainTextWithAContentLength() throws Exception {
        Call call = Call.run(new HelloApp(), Call.get(""));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.text()).isEqualTo("Hello, world!\n");
        assertThat(call.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(call.header("Content-Length")).isEqualTo("14");
    }

    @Test
    void answersEveryCallInFull() throws Exception {
        HelloApp app = new HelloApp();
        Call.run(app, Call.get(""));
        assertThat(Call.run(app, Call.get("")).text()).isEqualTo("Hello, world!\n");
    }
}
