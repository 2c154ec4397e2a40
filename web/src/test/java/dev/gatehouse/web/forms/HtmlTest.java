package dev.gatehouse.web.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupQuotesAndAmpersands() {
        assertThat(Html.escape("<script>alert(\"x\")</script>")).isEqualTo("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
        assertThat(Html.escape("it's Tom & Jerry")).isEqualTo("it&#39;s Tom &amp; Jerry");
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
    }

    @Test
    void leavesPlainTextAlone() {
        String plain = "héllo wörld 42";
        assertThat(Html.escape(plain)).isSameAs(plain);
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void refusesUnsafeAttributeNames() {
        assertThat(Html.checkAttributeName("data-x")).isEqualTo("data-x");
        assertThatThrownBy(() -> Html.checkAttributeName("x onclick=alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.checkAttributeName("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }
}
