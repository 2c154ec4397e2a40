package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormDataTest {
    @Test
    void decodesPlusAndPercentEscapesAsUtf8() {
        FormData form = FormData.parse("name=J%C3%BCrgen+M&x=a%26b%3Dc");
        assertThat(form.first("name")).isEqualTo("Jürgen M");
        assertThat(form.first("x")).isEqualTo("a&b=c");
    }

    @Test
    void keepsOrderRepeatsAndFieldsWithoutValues() {
        FormData form = FormData.parse("a=1&&b&a=2");
        assertThat(form.fields()).containsExactly(
                new FormData.Field("a", "1"), new FormData.Field("b", ""), new FormData.Field("a", "2"));
        assertThat(form.first("a")).isEqualTo("1");
        assertThat(form.first("missing")).isNull();
    }

    @Test
    void keepsMalformedEscapesAsTheyWere() {
        assertThat(FormData.parse("v=100%&w=%zz&x=%4").fields()).extracting(FormData.Field::value)
                .containsExactly("100%", "%zz", "%4");
    }

    @Test
    void parsesNothingFromAnEmptyString() {
        assertThat(FormData.parse("").fields()).isEmpty();
    }
}
