package dev.gatehouse.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds multipart/form-data bodies byte by byte, well-formed or not, for the parser tests. */
final class MultipartBody {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartBody(String boundary) {
        this.boundary = boundary;
    }

    MultipartBody field(String name, String value) {
        return raw("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                .raw(value.getBytes(StandardCharsets.UTF_8)).raw("\r\n");
    }

    MultipartBody file(String name, String fileName, String type, byte[] content) {
        return raw("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").raw(content).raw("\r\n");
    }

    MultipartBody close() {
        return raw("--" + boundary + "--\r\n");
    }

    MultipartBody raw(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBody raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A whole HTTP/1.1 request carrying this body. */
    byte[] request(String target) {
        byte[] body = bytes();
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: t\r\nContent-Type: " + contentType()
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        req.writeBytes(body);
        return req.toByteArray();
    }
}
