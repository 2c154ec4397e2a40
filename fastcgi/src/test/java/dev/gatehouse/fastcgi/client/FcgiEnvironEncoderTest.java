package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcgiEnvironEncoderTest {
    private static Environ request() {
        return new Environ().put(EnvironKeys.REQUEST_METHOD, "GET").put(EnvironKeys.SCRIPT_NAME, "/php")
                .put(EnvironKeys.PATH_INFO, "/echo.php/more").put(EnvironKeys.QUERY_STRING, "a=1")
                .put(EnvironKeys.REQUEST_URI, "/php/echo.php/more?a=1").put(EnvironKeys.SERVER_NAME, "localhost")
                .put("HTTP_HOST", "localhost").put("HTTP_PROXY", "http://evil:1").put("HTTP_X_TOKEN", "t")
                .put(EnvironKeys.URL_SCHEME, "https").put(EnvironKeys.MULTITHREAD, Boolean.TRUE).put("mything.key", "x");
    }

    @Test
    void passesCgiVariablesAndHeadersButNotGatewayKeysOrHttpProxy() {
        Map<String, String> p = FcgiEnvironEncoder.params(request(), FcgiTarget.parse("fastcgi://127.0.0.1:9000"), -1);
        assertThat(p).containsEntry("REQUEST_METHOD", "GET").containsEntry("SCRIPT_NAME", "/php")
                .containsEntry("PATH_INFO", "/echo.php/more").containsEntry("HTTP_X_TOKEN", "t")
                .containsEntry("GATEWAY_INTERFACE", "CGI/1.1").containsEntry("SERVER_SOFTWARE", "Gatehouse")
                .containsEntry("REQUEST_SCHEME", "https").containsEntry("HTTPS", "on")
                .containsEntry("REQUEST_URI", "/php/echo.php/more?a=1").containsEntry("REDIRECT_STATUS", "200")
                .doesNotContainKeys("HTTP_PROXY", "gateway.multithread", "mything.key", "CONTENT_LENGTH", "SCRIPT_FILENAME");
    }

    @Test
    void aRootMapsThePathToAScriptFileTheWayNginxDoes() {
        Map<String, String> p = FcgiEnvironEncoder.params(request(), FcgiTarget.parse("fastcgi://127.0.0.1:9000?root=/srv/php"), 12);
        assertThat(p).containsEntry("DOCUMENT_ROOT", "/srv/php").containsEntry("SCRIPT_FILENAME", "/srv/php/echo.php")
                .containsEntry("SCRIPT_NAME", "/php/echo.php").containsEntry("PATH_INFO", "/more")
                .containsEntry("PATH_TRANSLATED", "/srv/php/more").containsEntry("CONTENT_LENGTH", "12")
                .containsEntry("DOCUMENT_URI", "/php/echo.php/more");
    }

    @Test
    void anUnsafePathUnderARootIsRefused() {
        Environ env = request().put(EnvironKeys.PATH_INFO, "/../secret.php");
        assertThat(FcgiEnvironEncoder.params(env, FcgiTarget.parse("fastcgi://127.0.0.1:9000?root=/srv"), -1)).isNull();
    }
}
