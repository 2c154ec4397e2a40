package dev.gatehouse.web.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout and page of docs/web.md ("Templates"), rendered as the doc says they render. */
class DocExampleTest {
    @Test
    void layoutAndPageOfTheDocs() {
        Templates templates = Templates.fromClasspath("templates-doc", TemplateOptions.forProduction());
        TemplateResult page = templates.render("request.peb", Map.of(
                "name", "<b>Ann</b>",
                "form", "<form method=\"post\"><input name=\"login\"></form>",
                "note", Templates.safe("<em>trusted</em>")));
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text())
                .contains("<title>Request an account - Accounts</title>")
                .contains("<h1>Hello, &lt;b&gt;Ann&lt;/b&gt;</h1>")
                .contains("<form method=\"post\"><input name=\"login\"></form>")
                .contains("<em>trusted</em>");
    }
}
