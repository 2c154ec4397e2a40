package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    private static final String TAG = "\"5f5e1000-2a\"";

    @Test
    void spellsTheTagAsNginxDoes() {
        assertThat(EntityTags.of(0x5f5e1000L, 42, null)).isEqualTo(TAG);
    }

    @Test
    void aContentCodingMakesTheTagDistinct() {
        assertThat(EntityTags.of(0x5f5e1000L, 42, "br")).isEqualTo("\"5f5e1000-2a-br\"");
    }

    @Test
    void weakComparisonIgnoresTheWeakPrefix() {
        assertThat(EntityTags.weakMatch(TAG, TAG)).isTrue();
        assertThat(EntityTags.weakMatch("W/" + TAG, TAG)).isTrue();
        assertThat(EntityTags.weakMatch("\"x\", W/" + TAG, TAG)).isTrue();
        assertThat(EntityTags.weakMatch("\"x\",\"y\"", TAG)).isFalse();
    }

    @Test
    void strongComparisonRefusesWeakTags() {
        assertThat(EntityTags.strongMatch(TAG, TAG)).isTrue();
        assertThat(EntityTags.strongMatch("W/" + TAG, TAG)).isFalse();
        assertThat(EntityTags.strongMatch("\"a\" , " + TAG, TAG)).isTrue();
    }

    @Test
    void aStarMatchesAnyTag() {
        assertThat(EntityTags.weakMatch("*", TAG)).isTrue();
        assertThat(EntityTags.strongMatch(" * ", TAG)).isTrue();
        assertThat(EntityTags.strongMatch("*", null)).isTrue();
    }

    @Test
    void withoutATagOnlyTheStarMatches() {
        assertThat(EntityTags.weakMatch(TAG, null)).isFalse();
    }

    @Test
    void aMalformedListMatchesNothingPastTheBreak() {
        assertThat(EntityTags.weakMatch("5f5e1000-2a", TAG)).isFalse();
        assertThat(EntityTags.weakMatch("\"unterminated", TAG)).isFalse();
        assertThat(EntityTags.weakMatch("\"a\" junk " + TAG, TAG)).isFalse();
        assertThat(EntityTags.weakMatch("\"sp ace\"," + TAG, TAG)).isFalse();
    }

    @Test
    void aTagIsNotMistakenForAPrefixOfALongerOne() {
        assertThat(EntityTags.weakMatch("\"5f5e1000-2a-br\"", TAG)).isFalse();
    }
}
