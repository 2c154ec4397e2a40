package dev.gatehouse.scgi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.core.stream.StreamRequest;
import dev.gatehouse.scgi.codec.ScgiException;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/**
 * The environ made of what real web servers send: the variables below are what nginx 1.22 (stock
 * scgi_params) and Apache 2.4 mod_proxy_scgi sent for the same requests to a dumping SCGI server.
 */
class ScgiEnvironBuilderTest {
    private final ScgiEnvironBuilder builder = new ScgiEnvironBuilder("127.0.0.1", "4000");

    /** Name, value, name, value... after CONTENT_LENGTH and SCGI. */
    private static SequencedMap<String, String> vars(String contentLength, String... pairs) {
        SequencedMap<String, String> v = new LinkedHashMap<>();
        v.put("CONTENT_LENGTH", contentLength);
        v.put("SCGI", "1");
        for (int i = 0; i < pairs.length; i += 2) v.put(pairs[i], pairs[i + 1]);
        return v;
    }

    /** nginx, {@code include scgi_params;}, GET /caf%C3%A9/a%20b?x=1 with a header X-A. */
    static SequencedMap<String, String> nginxGet() {
        return vars("0", "REQUEST_METHOD", "GET", "REQUEST_URI", "/caf%C3%A9/a%20b?x=1", "QUERY_STRING", "x=1", "CONTENT_TYPE", "",
                "DOCUMENT_URI", "/caf\u00c3\u00a9/a b", "DOCUMENT_ROOT", "/usr/share/nginx/html", "SERVER_PROTOCOL", "HTTP/1.1",
                "REQUEST_SCHEME", "http", "REMOTE_ADDR", "127.0.0.1", "REMOTE_PORT", "47204", "SERVER_PORT", "80",
                "SERVER_NAME", "localhost", "HTTP_HOST", "127.0.0.1", "HTTP_USER_AGENT", "curl/7.88.1", "HTTP_ACCEPT", "*/*", "HTTP_X_A", "1");
    }

    /** Apache, {@code ProxyPass "/app/" "scgi://127.0.0.1:4000/"}, GET /app/caf%C3%A9/a%20b?x=1 (abridged: PATH, SERVER_* ...). */
    static SequencedMap<String, String> apacheGet(String prefix, boolean pathinfo) {
        SequencedMap<String, String> v = vars("0");
        if (pathinfo) v.put("proxy-scgi-pathinfo", "1");
        v.put("HTTP_HOST", "127.0.0.1:19403");
        v.put("SERVER_SIGNATURE", "");
        v.put("SERVER_NAME", "127.0.0.1");
        v.put("SERVER_PORT", "19403");
        v.put("REMOTE_ADDR", "127.0.0.1");
        v.put("REQUEST_SCHEME", "http");
        v.put("CONTEXT_PREFIX", "");
        v.put("SCRIPT_FILENAME", "proxy:scgi://127.0.0.1:4000/caf%C3%A9/a%20b");
        v.put("SERVER_PROTOCOL", "HTTP/1.1");
        v.put("REQUEST_METHOD", "GET");
        v.put("QUERY_STRING", "x=1");
        v.put("REQUEST_URI", prefix + "/caf%C3%A9/a%20b?x=1");
        v.put("SCRIPT_NAME", prefix + "/caf\u00c3\u00a9/a b");
        if (pathinfo) v.put("PATH_INFO", "/caf%C3%A9/a%20b");
        return v;
    }

    private Environ build(SequencedMap<String, String> vars) throws ScgiException {
        return builder.build(vars).environ();
    }

    @Test
    void nginxStockParamsMountTheAppAtTheRoot() throws ScgiException {
        StreamRequest request = builder.build(nginxGet());
        Environ env = request.environ();
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/caf\u00c3\u00a9/a b");
        assertThat(env.queryString()).isEqualTo("x=1");
        assertThat(env.getString("REQUEST_URI")).isEqualTo("/caf%C3%A9/a%20b?x=1");
        assertThat(env.containsKey("CONTENT_TYPE")).as("nginx's empty CONTENT_TYPE").isFalse();
        assertThat(env.getString("CONTENT_LENGTH")).isEqualTo("0");
        assertThat(env.getString("SERVER_NAME")).isEqualTo("localhost");
        assertThat(request.contentLength()).isZero();
        assertThat(request.urlScheme()).isEqualTo("http");
    }

    @Test
    void nginxRewrittenUriWinsOverTheRequestUri() throws ScgiException {
        SequencedMap<String, String> vars = nginxGet();
        vars.put("DOCUMENT_URI", "/index.html"); // after rewrite or try_files
        assertThat(build(vars).pathInfo()).isEqualTo("/index.html");
    }

    @Test
    void withoutDocumentUriThePathComesFromRequestUri() throws ScgiException {
        SequencedMap<String, String> vars = nginxGet();
        vars.remove("DOCUMENT_URI");
        Environ env = build(vars);
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/caf\u00c3\u00a9/a b");
    }

    @Test
    void nginxPostKeepsTheCgiContentVariablesAndDropsTheHttpOnes() throws ScgiException {
        Environ env = build(vars("5", "REQUEST_METHOD", "POST", "REQUEST_URI", "/p", "CONTENT_TYPE", "text/x", "DOCUMENT_URI", "/p",
                "HTTP_CONTENT_TYPE", "text/x", "HTTP_CONTENT_LENGTH", "5"));
        assertThat(env.getString("CONTENT_TYPE")).isEqualTo("text/x");
        assertThat(env.getString("CONTENT_LENGTH")).isEqualTo("5");
        assertThat(env.keys()).doesNotContain("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH");
    }

    @Test
    void nginxChunkedUploadArrivesWithItsLengthAndWithoutItsTransferCoding() throws ScgiException {
        StreamRequest request = builder.build(vars("13", "REQUEST_METHOD", "POST", "REQUEST_URI", "/c", "DOCUMENT_URI", "/c",
                "HTTP_TRANSFER_ENCODING", "chunked"));
        assertThat(request.contentLength()).isEqualTo(13);
        assertThat(request.environ().keys()).doesNotContain("HTTP_TRANSFER_ENCODING");
    }

    @Test
    void aScriptNameParamMountsTheAppUnderIt() throws ScgiException {
        SequencedMap<String, String> vars = vars("0", "REQUEST_METHOD", "GET", "REQUEST_URI", "/app/x/y", "DOCUMENT_URI", "/app/x/y",
                "SCRIPT_NAME", "/app");
        Environ env = build(vars);
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x/y");
    }

    @Test
    void aScriptNameThatIsNotASegmentPrefixIsTheWholePath() throws ScgiException {
        Environ env = build(vars("0", "REQUEST_METHOD", "GET", "REQUEST_URI", "/application", "SCRIPT_NAME", "/app"));
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/app");
    }

    @Test
    void apacheSendsTheWholePathAsScriptNameSoTheAppIsAtTheRoot() throws ScgiException {
        for (String prefix : new String[] {"", "/app"}) {
            Environ env = build(apacheGet(prefix, false));
            assertThat(env.scriptName()).as(prefix).isEmpty();
            assertThat(env.pathInfo()).as(prefix).isEqualTo(prefix + "/caf\u00c3\u00a9/a b");
        }
    }

    @Test
    void apacheProxyScgiPathinfoSendsPathInfoStillEncoded() throws ScgiException {
        Environ env = build(apacheGet("/pi", true));
        assertThat(env.scriptName()).isEqualTo("/pi");
        assertThat(env.pathInfo()).isEqualTo("/caf\u00c3\u00a9/a b");
        Environ atRoot = build(apacheGet("", true));
        assertThat(atRoot.scriptName()).isEmpty();
        assertThat(atRoot.pathInfo()).isEqualTo("/caf\u00c3\u00a9/a b");
    }

    @Test
    void aScriptNameEndingInSlashGivesTheSlashToPathInfo() throws ScgiException {
        Environ env = build(vars("0", "REQUEST_METHOD", "GET", "REQUEST_URI", "/app/x", "SCRIPT_NAME", "/app/", "PATH_INFO", "x"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x");
    }

    @Test
    void httpsOnOrAnHttpsSchemeMeansHttps() throws ScgiException {
        SequencedMap<String, String> on = nginxGet();
        on.put("HTTPS", "on");
        assertThat(builder.build(on).urlScheme()).isEqualTo("https");
        SequencedMap<String, String> scheme = nginxGet();
        scheme.put("REQUEST_SCHEME", "https");
        assertThat(builder.build(scheme).urlScheme()).isEqualTo("https");
        SequencedMap<String, String> off = nginxGet();
        off.put("HTTPS", "off");
        assertThat(builder.build(off).urlScheme()).isEqualTo("http");
    }

    @Test
    void aMinimalRequestGetsTheDefaults() throws ScgiException {
        Environ env = build(vars("0", "REQUEST_METHOD", "GET", "REQUEST_URI", "/deepthought"));
        assertThat(env.queryString()).isEmpty();
        assertThat(env.getString("SERVER_PROTOCOL")).isEqualTo("HTTP/1.0");
        assertThat(env.getString("SERVER_NAME")).isEqualTo("127.0.0.1");
        assertThat(env.getString("SERVER_PORT")).isEqualTo("4000");
        assertThat(env.pathInfo()).isEqualTo("/deepthought");
    }

    @Test
    void aRequestWithoutMethodIsRefused() {
        assertThatThrownBy(() -> build(vars("27", "REQUEST_URI", "/deepthought"))).isInstanceOf(ScgiException.class)
                .hasMessageContaining("no REQUEST_METHOD");
        assertThatThrownBy(() -> build(vars("0", "REQUEST_METHOD", "", "REQUEST_URI", "/"))).isInstanceOf(ScgiException.class);
    }

    @Test
    void aRequestWithoutPathIsRefused() {
        assertThatThrownBy(() -> build(vars("0", "REQUEST_METHOD", "GET"))).isInstanceOf(ScgiException.class)
                .hasMessageContaining("no path in the SCGI header");
        assertThatThrownBy(() -> build(vars("0", "REQUEST_METHOD", "GET", "REQUEST_URI", "/bad%zz"))).isInstanceOf(ScgiException.class)
                .hasMessageContaining("REQUEST_URI is '/bad%zz'");
        assertThatThrownBy(() -> build(vars("0", "REQUEST_METHOD", "OPTIONS", "REQUEST_URI", "*"))).isInstanceOf(ScgiException.class);
    }
}
