package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class EnvironJsonTest {
    @Test
    void showsEveryKeySortedWithStringsBooleansAndClassNames() throws Exception {
        Environ environ = new Environ()
                .put(EnvironKeys.REQUEST_METHOD, "GET")
                .put(EnvironKeys.PATH_INFO, "/a\"b")
                .put(EnvironKeys.MULTITHREAD, true)
                .put(EnvironKeys.RUN_ONCE, false)
                .put(EnvironKeys.INPUT, new ByteArrayInputStream(new byte[0]))
                .put("HTTP_X_CTRL", "tab\there");
        Call call = Call.run(new EnvironJson(), environ);
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.header("Content-Length")).isEqualTo(Integer.toString(call.bytes().length));
        assertThat(call.text()).isEqualTo("""
                {
                  "HTTP_X_CTRL": "tab\\there",
                  "PATH_INFO": "/a\\"b",
                  "REQUEST_METHOD": "GET",
                  "gateway.input": "java.io.ByteArrayInputStream",
                  "gateway.multithread": true,
                  "gateway.run_once": false
                }
                """);
    }

    @Test
    void showsRawBytesAsTheEnvironHoldsThem() throws Exception {
        Environ environ = new Environ().put(EnvironKeys.PATH_INFO, "/caf\u00c3\u00a9");
        assertThat(Call.run(new EnvironJson(), environ).text()).contains("\"PATH_INFO\": \"/caf\u00c3\u00a9\"");
    }
}
