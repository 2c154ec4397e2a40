package dev.gatehouse.web;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request, over its environ: path, parameters, body, headers, cookies, and the pending
 * {@link #response()}. The body is read lazily, once, within the limits of the app's
 * {@link WebConfig}; a breach is an {@link HttpError} (413 or 400) that the app answers. Not
 * thread-safe: it belongs to the thread that handles the request.
 */
public final class Request implements FormInput {
    private final Environ environ;
    private final WebConfig config;
    private final TempFiles tempFiles;
    private final Response response = new Response();
    private List<String> groups = List.of();
    private FormData query;
    private FormData form;
    private byte[] body;
    private boolean bodyStreamed;
    private Map<String, String> cookies;
    private final Map<String, Object> attributes = new HashMap<>();

    Request(Environ environ, WebConfig config) {
        this.environ = environ;
        this.config = config;
        this.tempFiles = new TempFiles(config.tempDir());
    }

    @Override
    public Environ environ() {
        return environ;
    }

    @Override
    public String method() {
        return environ.requestMethod();
    }

    /** PATH_INFO decoded as UTF-8: the path within this app. */
    public String path() {
        return environ.decodedPathInfo();
    }

    /** SCRIPT_NAME decoded as UTF-8: where this app is mounted ("" at the root). */
    public String scriptName() {
        return environ.decodedScriptName();
    }

    /** The regex groups of the matched route, group 1 first (null for a group that did not take part). */
    public List<String> groups() {
        return groups;
    }

    /** Group {@code n} of the matched route, counting from 1 as regexes do. */
    public String group(int n) {
        if (n < 1 || n > groups.size()) throw new IndexOutOfBoundsException("the route has " + groups.size() + " groups, not " + n);
        return groups.get(n - 1);
    }

    void groups(List<String> matched) {
        this.groups = Collections.unmodifiableList(matched);
    }

    /** A value a processor or handler attached to this request (the session, the user), or null. */
    public Object attribute(String name) {
        return attributes.get(name);
    }

    /** Attaches a value to this request, for later processors and the handler; null removes it. */
    public Request attribute(String name, Object value) {
        if (value == null) attributes.remove(name);
        else attributes.put(name, value);
        return this;
    }

    /** The response being prepared: set its headers, cookies or status, then return any body. */
    public Response response() {
        return response;
    }

    // ---- parameters -------------------------------------------------------------------------

    /** The first value of {@code name} from the query string or the form body, or null. */
    public String param(String name) {
        List<String> all = values(name);
        return all.isEmpty() ? null : all.getFirst();
    }

    public String param(String name, String fallback) {
        String v = param(name);
        return v == null ? fallback : v;
    }

    /** Every value of {@code name}: the query string's first, then the form body's. */
    public List<String> params(String name) {
        return values(name);
    }

    @Override
    public List<String> values(String name) {
        List<String> fromQuery = query().values(name);
        List<String> fromForm = form().values(name);
        if (fromForm.isEmpty()) return fromQuery;
        if (fromQuery.isEmpty()) return fromForm;
        List<String> all = new ArrayList<>(fromQuery);
        all.addAll(fromForm);
        return all;
    }

    /** The query string's parameters only. */
    public List<String> queryParams(String name) {
        return query().values(name);
    }

    /** Every parameter name with its values, query string first. */
    public Map<String, List<String>> paramMap() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        query().allValues().forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        form().allValues().forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return all;
    }

    @Override
    public Upload upload(String name) {
        List<Upload> all = form().uploads(name);
        return all.isEmpty() ? null : all.getFirst();
    }

    public List<Upload> uploads(String name) {
        return form().uploads(name);
    }

    private FormData query() {
        if (query == null) {
            FormData q = new FormData();
            FormDecoder.decodeQuery(environ.queryString(), q);
            query = q;
        }
        return query;
    }

    private FormData form() {
        if (form == null) form = parseForm();
        return form;
    }

    private FormData parseForm() {
        String type = mediaType();
        try {
            if (type.equals("application/x-www-form-urlencoded")) {
                byte[] bytes = formSizedBody();
                FormData data = new FormData();
                FormDecoder.decode(bytes, bytes.length, "form body", data, config.maxFormFields());
                return data;
            }
            if (type.equals("multipart/form-data")) {
                InputStream in = body != null ? new ByteArrayInputStream(body) : streamBody();
                return MultipartParser.parse(in, environ.contentType(), config, tempFiles);
            }
            return FormData.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
    }

    /** The body for a parser that builds objects from all of it (a form, JSON): within maxFormBytes, read once and kept. */
    private byte[] formSizedBody() throws IOException {
        long limit = Math.min(config.maxFormBytes(), config.maxBodyBytes());
        if (body == null) body = readBody(limit, "maxFormBytes");
        else if (body.length > limit) throw BoundedInput.tooLarge("maxFormBytes", limit);
        return body;
    }

    // ---- body -------------------------------------------------------------------------------

    /** The media type of the body, lower case, without parameters ("" when none). */
    public String mediaType() {
        String ct = environ.contentType();
        return ct == null ? "" : HeaderParams.mainValue(ct).toLowerCase(Locale.ROOT);
    }

    /** The raw body, read once and kept (up to {@code maxBodyBytes}). */
    public byte[] body() {
        if (body == null) {
            try {
                body = readBody(config.maxBodyBytes(), "maxBodyBytes");
            } catch (IOException e) {
                throw new UncheckedIOException("reading the request body", e);
            }
        }
        return body;
    }

    /** The body as UTF-8 text (400 when it is not valid UTF-8). */
    public String bodyText() {
        byte[] b = body();
        return FormDecoder.utf8(b, b.length, "the request body");
    }

    /**
     * The body as JSON mapped to {@code type} with Jackson; malformed JSON is a 400 naming the
     * problem. The body may have {@code maxFormBytes} at most (413 past it), as a form's: the
     * objects built from it take several times its size.
     */
    public <T> T json(Class<T> type) {
        try {
            return Json.read(formSizedBody(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
    }

    private byte[] readBody(long limit, String limitName) throws IOException {
        if (bodyStreamed) throw new IllegalStateException("the body was already consumed as a multipart form");
        if (environ.contentLength() > limit) throw BoundedInput.tooLarge(limitName, limit);
        bodyStreamed = true;
        return new BoundedInput(environ.input(), limit, limitName).readAllBytes();
    }

    private InputStream streamBody() {
        if (bodyStreamed) throw new IllegalStateException("the body was already consumed");
        if (environ.contentLength() > config.maxBodyBytes()) throw BoundedInput.tooLarge("maxBodyBytes", config.maxBodyBytes());
        bodyStreamed = true;
        return new BoundedInput(environ.input(), config.maxBodyBytes(), "maxBodyBytes");
    }

    // ---- headers, cookies, client -----------------------------------------------------------

    /** A request header by field name, or null. */
    public String header(String name) {
        return environ.header(name);
    }

    /** The request's cookies by name; the first of a repeated name wins; malformed pairs are skipped. */
    public Map<String, String> cookies() {
        if (cookies == null) cookies = CookieParser.parse(environ.header("Cookie"));
        return cookies;
    }

    public String cookie(String name) {
        return cookies().get(name);
    }

    /** The peer's address (REMOTE_ADDR): behind a proxy, the proxy's unless a middleware rewrote it. */
    public String clientAddress() {
        return environ.getString(EnvironKeys.REMOTE_ADDR, "");
    }

    // ---- URLs -------------------------------------------------------------------------------

    /**
     * A URL path within this app: SCRIPT_NAME in front of {@code path}, percent-encoded. Give the
     * path decoded ({@code "/users/Zoë"}); a query after '?' is kept as given, except that spaces,
     * controls and non-ASCII characters in it are percent-encoded as UTF-8.
     */
    public String url(String path) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        String latin1 = new String(p.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return PathCodec.encode(environ.scriptName()) + PathCodec.encode(latin1) + (q < 0 ? "" : UriText.escapeNonAscii(path.substring(q)));
    }

    /** {@link #url} with scheme and host, for links that leave the page (mails, redirects to other hosts). */
    public String absoluteUrl(String path) {
        return environ.urlScheme() + "://" + host() + url(path);
    }

    /** The Host header when it is a plausible host[:port], else SERVER_NAME and SERVER_PORT. */
    public String host() {
        String host = environ.header("Host");
        if (host != null && !host.isEmpty() && host.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80
                || c == '.' || c == '-' || c == ':' || c == '[' || c == ']')) {
            return host;
        }
        String name = environ.getString(EnvironKeys.SERVER_NAME, "localhost");
        String port = environ.getString(EnvironKeys.SERVER_PORT, "");
        boolean defaultPort = environ.urlScheme().equals("https") ? port.equals("443") : port.equals("80");
        return port.isEmpty() || defaultPort ? name : name + ":" + port;
    }

    /** Deletes the temp files of uploads; the app calls it when the response body closes. */
    void close() {
        tempFiles.deleteAll();
    }
}
