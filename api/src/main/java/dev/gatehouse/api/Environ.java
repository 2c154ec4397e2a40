package dev.gatehouse.api;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The request as a mutable map of named values: CGI variables (strings), {@code HTTP_*}
 * headers (strings) and the {@code gateway.*} keys of {@link EnvironKeys}. Middleware may add
 * keys of its own under a namespace ({@code "mything.key"}). Not thread-safe: it belongs to one
 * request.
 */
public final class Environ {
    private final Map<String, Object> values;

    public Environ() {
        this.values = new HashMap<>(48);
    }

    private Environ(Map<String, Object> values) {
        this.values = values;
    }

    /** A shallow copy (the input stream and other objects are shared). */
    public Environ copy() {
        return new Environ(new HashMap<>(values));
    }

    public Object get(String key) {
        return values.get(key);
    }

    /** The string value of {@code key}, or null if it is absent or not a string. */
    public String getString(String key) {
        return values.get(key) instanceof String s ? s : null;
    }

    public String getString(String key, String fallback) {
        String s = getString(key);
        return s == null ? fallback : s;
    }

    public boolean getBoolean(String key) {
        return values.get(key) instanceof Boolean b && b;
    }

    public Environ put(String key, Object value) {
        if (value == null) values.remove(key);
        else values.put(key, value);
        return this;
    }

    public Object remove(String key) {
        return values.remove(key);
    }

    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** A read-only view of every key and value. */
    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public String requestMethod() {
        return getString(EnvironKeys.REQUEST_METHOD, "GET");
    }

    public String scriptName() {
        return getString(EnvironKeys.SCRIPT_NAME, "");
    }

    public String pathInfo() {
        return getString(EnvironKeys.PATH_INFO, "");
    }

    public String queryString() {
        return getString(EnvironKeys.QUERY_STRING, "");
    }

    public String contentType() {
        return getString(EnvironKeys.CONTENT_TYPE);
    }

    /** The declared body length, or -1 when none was declared. */
    public long contentLength() {
        String s = getString(EnvironKeys.CONTENT_LENGTH);
        if (s == null || s.isEmpty() || s.length() > 18) return -1;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    public String urlScheme() {
        return getString(EnvironKeys.URL_SCHEME, "http");
    }

    public InputStream input() {
        return values.get(EnvironKeys.INPUT) instanceof InputStream in ? in : InputStream.nullInputStream();
    }

    public PrintStream errors() {
        return values.get(EnvironKeys.ERRORS) instanceof PrintStream ps ? ps : System.err;
    }

    /** A request header by its field name ({@code "Content-Type"} and {@code "Host"} included), or null. */
    public String header(String fieldName) {
        StringBuilder key = new StringBuilder(fieldName.length() + 5);
        for (int i = 0; i < fieldName.length(); i++) {
            char c = fieldName.charAt(i);
            key.append(c == '-' ? '_' : (c >= 'a' && c <= 'z') ? (char) (c - 32) : c);
        }
        String name = key.toString();
        if (name.equals("CONTENT_TYPE") || name.equals("CONTENT_LENGTH")) return getString(name);
        return getString(EnvironKeys.HTTP_PREFIX + name);
    }

    /** PATH_INFO with its bytes decoded as UTF-8 (PATH_INFO itself keeps them as ISO-8859-1). */
    public String decodedPathInfo() {
        return latin1ToUtf8(pathInfo());
    }

    public String decodedScriptName() {
        return latin1ToUtf8(scriptName());
    }

    /** The URL the client asked for, rebuilt as PEP 3333 describes (scheme, host, quoted path, query). */
    public String requestUrl() {
        StringBuilder url = new StringBuilder(urlScheme()).append("://");
        String host = getString(EnvironKeys.HTTP_PREFIX + "HOST");
        if (host != null) {
            url.append(host);
        } else {
            url.append(getString(EnvironKeys.SERVER_NAME, "localhost"));
            String port = getString(EnvironKeys.SERVER_PORT, "");
            boolean defaultPort = urlScheme().equals("https") ? port.equals("443") : port.equals("80");
            if (!port.isEmpty() && !defaultPort) url.append(':').append(port);
        }
        url.append(PathCodec.encode(scriptName())).append(PathCodec.encode(pathInfo()));
        if (!queryString().isEmpty()) url.append('?').append(queryString());
        return url.toString();
    }

    static String latin1ToUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Environ" + values.keySet();
    }
}
