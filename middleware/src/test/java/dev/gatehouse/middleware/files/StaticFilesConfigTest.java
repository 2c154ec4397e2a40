package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.middleware.files.StaticFilesConfig.CacheRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticFilesConfigTest {
    @Test
    void theDefaultsAreWhatTheDocumentationSays() {
        StaticFilesConfig d = StaticFilesConfig.defaults();
        assertThat(d.indexFiles()).containsExactly("index.html");
        assertThat(d.listDirectories()).isFalse();
        assertThat(d.hiddenFiles()).isFalse();
        assertThat(d.hiddenAllowed()).containsExactly(".well-known");
        assertThat(d.symlinks()).isEqualTo(StaticFilesConfig.Symlinks.WITHIN_ROOT);
        assertThat(d.precompressed()).isTrue();
        assertThat(d.defaultCharset()).isEqualTo("utf-8");
        assertThat(d.defaultType()).isEqualTo("application/octet-stream");
        assertThat(d.cacheControl()).isNull();
        assertThat(d.cacheRules()).isEmpty();
        assertThat(d.maxRanges()).isEqualTo(16);
        assertThat(d.etags()).isTrue();
    }

    @Test
    void rejectsIndexNamesThatAreNotPlainFileNames() {
        for (String bad : new String[] {"", "a/b.html", "..", "a\\b"}) {
            assertThatThrownBy(() -> StaticFilesConfig.defaults().withIndexFiles(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsHeaderValuesWithControlCharacters() {
        assertThatThrownBy(() -> StaticFilesConfig.defaults().withCacheControl("max-age=1\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheRule("*.js", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaticFilesConfig.defaults().withDefaultCharset("utf-8; x=\"y\""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBadTypesGlobsAndLimits() {
        assertThatThrownBy(() -> StaticFilesConfig.defaults().withDefaultType("octet-stream")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaticFilesConfig.defaults().withExtraTypes(Map.of("md", "markdown")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheRule("[unclosed", "max-age=1")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> StaticFilesConfig.defaults().withMaxRanges(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaticFilesConfig.defaults().withMaxListingEntries(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extraTypesAreKeyedByLowerCaseExtensionWithoutTheDot() {
        assertThat(StaticFilesConfig.defaults().withExtraTypes(Map.of(".MD", "text/markdown")).extraTypes())
                .containsExactly(Map.entry("md", "text/markdown"));
    }
}
