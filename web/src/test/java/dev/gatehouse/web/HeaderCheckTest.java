package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Header names and values an app sets are checked where it sets them: no header injection. */
class HeaderCheckTest {
    @Test
    void crLfInAValueThrowsWhereTheHeaderIsSet() {
        assertThatThrownBy(() -> Response.ok().header("X-Name", "ann\r\nSet-Cookie: admin=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header X-Name has a control character");
        assertThatThrownBy(() -> new HttpError(403, "no").withHeader("X-Why", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.ok().setHeader("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an RFC 9110 token");
        assertThatThrownBy(() -> Response.ok().header("X-Euro", "\u20ac")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Response.ok().header("X-Tab", "a\tb \u00e9").headers()).hasSize(1);
    }

    @Test
    void aHandlerSettingAHeaderFromInputGets500AndNoInjectedHeader() throws Exception {
        WebApp app = new WebApp().get("/echo", req -> {
            req.response().header("X-Echo", req.param("v"));
            return "echoed";
        });
        try (LiveServer server = new LiveServer(app)) {
            HttpResponse<String> r = server.get("/echo?v=x%0D%0ASet-Cookie:%20admin=1");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().map()).doesNotContainKey("set-cookie").doesNotContainKey("x-echo");
        }
    }
}
