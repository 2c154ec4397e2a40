package dev.gatehouse.web.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
    @TempDir
    Path root;

    private Templates production() {
        return Templates.fromDirectory(root, TemplateOptions.forProduction());
    }

    private void write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void escapesMarkupAndQuotesInValues() throws IOException {
        write("page.peb", "<p title=\"{{ v }}\">{{ v }}</p>");
        String out = production().renderToString("page.peb", Map.of("v", "<script>alert('x')</script>\"&"));
        assertThat(out).isEqualTo("<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;</p>");
        assertThat(out).doesNotContain("<script>");
    }

    @Test
    void rawFilterAndSafeWrapperPassTrustedHtml() throws IOException {
        write("form.peb", "{{ form | raw }}|{{ trusted }}|{{ untrusted }}");
        String html = "<form><input name=\"a\"></form>";
        String out = production().renderToString("form.peb",
                Map.of("form", html, "trusted", Templates.safe("<b>ok</b>"), "untrusted", "<b>no</b>"));
        assertThat(out).isEqualTo(html + "|<b>ok</b>|&lt;b&gt;no&lt;/b&gt;");
    }

    @Test
    void layoutsInheritThroughExtendsAndBlocks() throws IOException {
        write("layout.peb", "<html><title>{% block title %}Site{% endblock %}</title><body>{% block body %}{% endblock %}</body></html>");
        write("pages/home.peb", "{% extends \"layout.peb\" %}{% block title %}Home - {{ parent() }}{% endblock %}"
                + "{% block body %}<h1>{{ who }}</h1>{% endblock %}");
        TemplateResult result = production().render("pages/home.peb", Map.of("who", "<Ann>"));
        assertThat(result.text()).isEqualTo("<html><title>Home - Site</title><body><h1>&lt;Ann&gt;</h1></body></html>");
        assertThat(result.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(result.render()).isEqualTo(result.text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void escapingAndContentTypeFollowTheFileExtension() throws IOException {
        write("app.js.peb", "var s = \"{{ v }}\";");
        write("notes.txt.peb", "{{ v }}");
        TemplateResult js = production().render("app.js.peb", Map.of("v", "\";alert(1);//"));
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.text()).isEqualTo("var s = \"\\\";alert(1);//\";");
        assertThat(production().render("notes.txt.peb", Map.of("v", "a")).contentType()).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void developmentModeRereadsAChangedFile() throws IOException {
        write("page.peb", "one {{ n }}");
        Templates dev = Templates.fromDirectory(root, TemplateOptions.forDevelopment());
        assertThat(dev.renderToString("page.peb", Map.of("n", 1))).isEqualTo("one 1");
        Path file = root.resolve("page.peb");
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, "two {{ n }}");
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 10_000));
        assertThat(dev.renderToString("page.peb", Map.of("n", 2))).isEqualTo("two 2");
    }

    @Test
    void productionModeKeepsTheCompiledTemplate() throws IOException {
        write("page.peb", "one");
        Templates prod = production();
        assertThat(prod.renderToString("page.peb", Map.of())).isEqualTo("one");
        Path file = root.resolve("page.peb");
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, "two");
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 10_000));
        assertThat(prod.renderToString("page.peb", Map.of())).isEqualTo("one");
    }

    @Test
    void boundedCacheEvictsTheLeastRecentlyUsed() throws IOException {
        write("a.peb", "a1");
        write("b.peb", "b1");
        Templates prod = Templates.fromDirectory(root, TemplateOptions.forProduction().withCacheSize(1));
        assertThat(prod.renderToString("a.peb", Map.of())).isEqualTo("a1");
        write("a.peb", "a2");
        assertThat(prod.renderToString("b.peb", Map.of())).isEqualTo("b1"); // evicts a
        assertThat(prod.renderToString("a.peb", Map.of())).isEqualTo("a2");
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        write("broken.peb", "line one\nline two\n{% if x %}\nno endif\n");
        Templates dev = Templates.fromDirectory(root, TemplateOptions.forDevelopment());
        assertThatThrownBy(() -> dev.render("broken.peb", Map.of()))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.templateName()).isEqualTo("broken.peb");
                    assertThat(e.line()).isNotNull();
                    assertThat(e.getMessage()).startsWith("broken.peb:" + e.line() + ": ");
                });
    }

    @Test
    void errorInAnIncludedTemplateNamesThatFile() throws IOException {
        write("outer.peb", "a\n{% include \"parts/inner.peb\" %}");
        write("parts/inner.peb", "x\ny\n{{ 1 + }}\n");
        assertThatThrownBy(() -> production().render("outer.peb", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("parts/inner.peb:3: ");
    }

    @Test
    void missingTemplateIsNamed() {
        assertThatThrownBy(() -> production().render("nope.peb", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("nope.peb: template not found: nope.peb");
    }

    @Test
    void missingIncludeNamesTheIncludingFileAndLine() throws IOException {
        write("outer.peb", "a\nb\n{% include \"gone.peb\" %}");
        assertThatThrownBy(() -> production().render("outer.peb", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("outer.peb:3: template not found: gone.peb");
    }

    @Test
    void namesEscapingTheRootAreRefused() throws IOException {
        Files.writeString(root.getParent().resolve("secret-" + root.getFileName() + ".peb"), "secret");
        write("sub/page.peb", "{% include \"../../secret-" + root.getFileName() + ".peb\" %}");
        Templates prod = Templates.fromDirectory(root, TemplateOptions.forProduction());
        for (String bad : new String[] {"../secret-" + root.getFileName() + ".peb", "sub/../../x.peb", "/etc/passwd", "a\\..\\b.peb", "", "C:x.peb"}) {
            assertThatThrownBy(() -> prod.render(bad, Map.of())).as(bad)
                    .isInstanceOf(TemplateException.class).hasMessageContaining("template name refused");
        }
        assertThatThrownBy(() -> prod.render("sub/page.peb", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("leaves the template root");
    }

    @Test
    void relativeNamesInsideTheRootWork() throws IOException {
        write("parts/footer.peb", "foot");
        write("pages/page.peb", "{% include \"../parts/footer.peb\" %}/{% include \"parts/footer.peb\" %}");
        assertThat(production().renderToString("pages/page.peb", Map.of())).isEqualTo("foot/foot");
    }

    @Test
    void rendersFromTheClassPath() {
        Templates cp = Templates.fromClasspath("templates-test", TemplateOptions.forProduction());
        assertThat(cp.renderToString("greet.peb", Map.of("name", "<x>"))).isEqualTo("<p>Hello, &lt;x&gt;!</p>\n");
    }

    @Test
    void outputIsBounded() throws IOException {
        write("big.peb", "{% for i in range(1, 1000) %}0123456789{% endfor %}");
        Templates small = Templates.fromDirectory(root, TemplateOptions.forProduction().withMaxRenderedChars(1000));
        assertThatThrownBy(() -> small.render("big.peb", Map.of())).isInstanceOf(TemplateException.class).hasMessageStartingWith("big.peb");
    }
}
