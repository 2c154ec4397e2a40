package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormPageTest {
    private static Environ post(String contentType, String body) {
        Environ environ = Call.request("POST", "", "").put(EnvironKeys.SCRIPT_NAME, "/form");
        return Call.withBody(environ, contentType, body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void showsAFormThatPostsBackToItsOwnUrl() throws Exception {
        Call call = Call.run(new FormPage(), Call.get("").put(EnvironKeys.SCRIPT_NAME, "/demo/form"));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(call.text()).contains("<form method=\"post\" action=\"/demo/form\"", "name=\"name\"", "name=\"message\"")
                .doesNotContain("Received");
    }

    @Test
    void showsEveryFieldReceivedHtmlEscaped() throws Exception {
        Call call = Call.run(new FormPage(), post("application/x-www-form-urlencoded; charset=UTF-8",
                "name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&message=caf%C3%A9+%26+%22tea%22&extra=1"));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.text())
                .contains("<h2>Received</h2>")
                .contains("<td>name</td><td><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></td>")
                .contains("<td>message</td><td><pre>café &amp; &quot;tea&quot;</pre></td>")
                .contains("<td>extra</td><td><pre>1</pre></td>")
                .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script>");
    }

    @Test
    void saysSoWhenNoFieldsArrive() throws Exception {
        assertThat(Call.run(new FormPage(), post("application/x-www-form-urlencoded", "")).text()).contains("No fields.");
    }

    @Test
    void refusesOtherMediaTypes() throws Exception {
        assertThat(Call.run(new FormPage(), post("multipart/form-data; boundary=x", "--x--")).code()).isEqualTo(415);
        assertThat(Call.run(new FormPage(), post(null, "a=1")).code()).isEqualTo(415);
    }

    @Test
    void refusesAnOversizedForm() throws Exception {
        Environ environ = post("application/x-www-form-urlencoded", "a=1")
                .put(EnvironKeys.CONTENT_LENGTH, Integer.toString(FormPage.MAX_BODY + 1));
        assertThat(Call.run(new FormPage(), environ).code()).isEqualTo(413);
    }

    @Test
    void refusesOtherMethodsNamingTheAllowedOnes() throws Exception {
        Call call = Call.run(new FormPage(), Call.request("DELETE", "", ""));
        assertThat(call.code()).isEqualTo(405);
        assertThat(call.header("Allow")).isEqualTo("GET, HEAD, POST");
    }
}
