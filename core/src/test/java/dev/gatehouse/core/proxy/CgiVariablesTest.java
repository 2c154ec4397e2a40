package dev.gatehouse.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgiVariablesTest {
    private static Environ request() {
        return new Environ().put(EnvironKeys.REQUEST_METHOD, "GET").put(EnvironKeys.SCRIPT_NAME, "/app")
                .put(EnvironKeys.PATH_INFO, "/a b").put(EnvironKeys.SERVER_NAME, "localhost").put(EnvironKeys.CONTENT_LENGTH, "99")
                .put("HTTP_HOST", "localhost").put("HTTP_PROXY", "http://evil:1").put("HTTP_X_COUNT", "1")
                .put(EnvironKeys.URL_SCHEME, "https").put(EnvironKeys.MULTITHREAD, Boolean.TRUE).put("mything.key", "x")
                .put("NOT_A_STRING", 42);
    }

    @Test
    void passesCgiVariablesAndHeadersButNotGatewayKeysNonStringsOrHttpProxy() {
        Map<String, String> vars = CgiVariables.of(request(), 0);
        assertThat(vars).containsEntry("REQUEST_METHOD", "GET").containsEntry("HTTP_HOST", "localhost").containsEntry("HTTP_X_COUNT", "1")
                .doesNotContainKeys("HTTP_PROXY", "gateway.multithread", "mything.key", "NOT_A_STRING");
    }

    @Test
    void addsWhatEveryGatewayAdds() {
        Map<String, String> vars = CgiVariables.of(request(), 0);
        assertThat(vars).containsEntry("QUERY_STRING", "").containsEntry("REQUEST_URI", "/app/a%20b")
                .containsEntry("GATEWAY_INTERFACE", "CGI/1.1").containsEntry("SERVER_SOFTWARE", "Gatehouse")
                .containsEntry("REQUEST_SCHEME", "https").containsEntry("HTTPS", "on").containsEntry("DOCUMENT_URI", "/app/a b")
                .doesNotContainKey("REDIRECT_STATUS");
    }

    @Test
    void theGivenContentLengthReplacesTheEnvironsOrNoneForMinusOne() {
        assertThat(CgiVariables.of(request(), 12)).containsEntry("CONTENT_LENGTH", "12");
        assertThat(CgiVariables.of(request(), 0)).containsEntry("CONTENT_LENGTH", "0");
        assertThat(CgiVariables.of(request(), -1)).doesNotContainKey("CONTENT_LENGTH");
    }

    @Test
    void keepsAGivenRequestUriAndQuery() {
        Environ env = request().put(EnvironKeys.QUERY_STRING, "q=1").put(EnvironKeys.REQUEST_URI, "/app/a%20b?q=1");
        assertThat(CgiVariables.of(env, 0)).containsEntry("QUERY_STRING", "q=1").containsEntry("REQUEST_URI", "/app/a%20b?q=1");
    }

    @Test
    void plainHttpHasNoHttpsVariable() {
        assertThat(CgiVariables.of(request().put(EnvironKeys.URL_SCHEME, "http"), 0)).doesNotContainKey("HTTPS").containsEntry("REQUEST_SCHEME", "http");
    }
}
