package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeTypesTest {
    private final MimeTypes mime = new MimeTypes(StaticFilesConfig.defaults());

    @Test
    void knowsTheCommonWebTypes() {
        assertThat(mime.typeOf("index.html")).isEqualTo("text/html");
        assertThat(mime.typeOf("app.js")).isEqualTo("text/javascript");
        assertThat(mime.typeOf("module.mjs")).isEqualTo("text/javascript");
        assertThat(mime.typeOf("style.css")).isEqualTo("text/css");
        assertThat(mime.typeOf("data.json")).isEqualTo("application/json");
        assertThat(mime.typeOf("logo.svg")).isEqualTo("image/svg+xml");
        assertThat(mime.typeOf("photo.JPG")).isEqualTo("image/jpeg");
        assertThat(mime.typeOf("font.woff2")).isEqualTo("font/woff2");
        assertThat(mime.typeOf("app.wasm")).isEqualTo("application/wasm");
        assertThat(mime.typeOf("movie.mp4")).isEqualTo("video/mp4");
        assertThat(mime.typeOf("doc.pdf")).isEqualTo("application/pdf");
        assertThat(mime.typeOf("site.webmanifest")).isEqualTo("application/manifest+json");
    }

    @Test
    void fallsBackToOctetStream() {
        assertThat(mime.typeOf("blob.unknownext")).isEqualTo("application/octet-stream");
        assertThat(mime.typeOf("Makefile")).isEqualTo("application/octet-stream");
        assertThat(mime.typeOf(".bashrc")).isEqualTo("application/octet-stream");
        assertThat(mime.typeOf("trailing.")).isEqualTo("application/octet-stream");
    }

    @Test
    void addsTheCharsetToTextTypesOnly() {
        assertThat(mime.contentType("a.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(mime.contentType("a.txt")).isEqualTo("text/plain; charset=utf-8");
        assertThat(mime.contentType("a.svg")).isEqualTo("image/svg+xml; charset=utf-8");
        assertThat(mime.contentType("a.png")).isEqualTo("image/png");
        assertThat(mime.contentType("a.json")).isEqualTo("application/json");
    }

    @Test
    void theCharsetAndTypesAreConfigurable() {
        MimeTypes custom = new MimeTypes(StaticFilesConfig.defaults().withDefaultCharset("iso-8859-1")
                .withExtraTypes(Map.of(".MD", "text/markdown", "bin", "application/x-custom"))
                .withDefaultType("text/plain"));
        assertThat(custom.contentType("README.md")).isEqualTo("text/markdown; charset=iso-8859-1");
        assertThat(custom.contentType("a.bin")).isEqualTo("application/x-custom");
        assertThat(custom.contentType("noext")).isEqualTo("text/plain; charset=iso-8859-1");
        MimeTypes none = new MimeTypes(StaticFilesConfig.defaults().withDefaultCharset(null));
        assertThat(none.contentType("a.html")).isEqualTo("text/html");
    }
}
