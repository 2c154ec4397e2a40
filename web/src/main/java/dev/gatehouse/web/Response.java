package dev.gatehouse.web;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A response being built: status, headers, cookies and one body. A handler may return one, or
 * set headers and cookies on {@link Request#response()} and return a plain value; both end up in
 * the same response. Not thread-safe: it belongs to one request.
 */
public final class Response {
    /** What the body is made of; the writer turns it into a {@link Body}. */
    sealed interface Content {
        record Bytes(byte[] bytes) implements Content {}

        record Stream(InputStream in) implements Content {}

        record File(Path path) implements Content {}

        record Writer(StreamWriter writer) implements Content {}

        record Raw(Body body) implements Content {}
    }

    private int status = 200;
    private boolean statusSet;
    private String contentType;
    private Content content;
    private final List<Header> headers = new ArrayList<>();
    private final List<Cookie> cookies = new ArrayList<>();

    public Response() {
    }

    public static Response ok() {
        return new Response();
    }

    public static Response status(int code) {
        return new Response().withStatus(code);
    }

    /** An HTML page (text/html; charset=utf-8). */
    public static Response html(String html) {
        return new Response().body(html);
    }

    /** A JSON document written by Jackson (application/json). */
    public static Response json(Object value) {
        return new Response().body(Json.write(value), "application/json");
    }

    /** Plain text (text/plain; charset=utf-8). */
    public static Response text(String text) {
        return new Response().body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    public Response withStatus(int code) {
        if (code < 100 || code > 999) throw new IllegalArgumentException("status code must have three digits: " + code);
        this.status = code;
        this.statusSet = true;
        return this;
    }

    /**
     * Adds a header (several with one name are allowed). Use {@link #cookie} for Set-Cookie. A name
     * that is not a token or a value with CR, LF or another control character throws
     * {@link IllegalArgumentException} here.
     */
    public Response header(String name, String value) {
        headers.add(HeaderCheck.of(name, value));
        return this;
    }

    /** Replaces every header named {@code name}. */
    public Response setHeader(String name, String value) {
        headers.removeIf(h -> h.is(name));
        return header(name, value);
    }

    public Response cookie(Cookie cookie) {
        cookies.add(Objects.requireNonNull(cookie));
        return this;
    }

    public Response contentType(String type) {
        this.contentType = type;
        return this;
    }

    /** An HTML body, UTF-8. */
    public Response body(String html) {
        return body(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    public Response body(byte[] bytes, String type) {
        this.content = new Content.Bytes(bytes);
        return defaultType(type);
    }

    /** A streamed body; the stream is closed when the response ends. */
    public Response body(InputStream in, String type) {
        this.content = new Content.Stream(in);
        return defaultType(type);
    }

    /** A file, sent zero-copy where the server can; its type comes from its extension unless set. */
    public Response file(Path path) {
        this.content = new Content.File(path);
        if (contentType == null) contentType = ContentTypes.forFile(path);
        return this;
    }

    /** A body the app writes as it goes. */
    public Response stream(StreamWriter writer, String type) {
        this.content = new Content.Writer(writer);
        return defaultType(type);
    }

    /** A body in the gateway interface's own terms. */
    public Response body(Body body, String type) {
        this.content = new Content.Raw(body);
        return defaultType(type);
    }

    public int statusCode() {
        return status;
    }

    boolean statusWasSet() {
        return statusSet;
    }

    public String contentType() {
        return contentType;
    }

    public List<Header> headers() {
        return List.copyOf(headers);
    }

    public List<Cookie> cookies() {
        return List.copyOf(cookies);
    }

    Content content() {
        return content;
    }

    boolean hasContent() {
        return content != null;
    }

    /** Sets the body, keeping a content type the handler chose before. */
    Response content(Content c, String fallbackType) {
        this.content = c;
        if (contentType == null) contentType = fallbackType;
        return this;
    }

    /** Copies headers and cookies of {@code earlier} in front of this response's own. */
    Response inheritFrom(Response earlier) {
        if (earlier == this) return this;
        headers.addAll(0, earlier.headers);
        cookies.addAll(0, earlier.cookies);
        return this;
    }

    private Response defaultType(String type) {
        if (type != null) this.contentType = type;
        return this;
    }
}
