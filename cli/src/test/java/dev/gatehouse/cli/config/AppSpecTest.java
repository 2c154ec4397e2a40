package dev.gatehouse.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppSpecTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            com.example.MyApp               | app       | com.example.MyApp
            com.example.Apps::create        | app       | com.example.Apps::create
            MyApp::create                   | app       | MyApp::create
            app:com.example.MyApp           | app       | com.example.MyApp
            app:com.example.Apps::create    | app       | com.example.Apps::create
            fastcgi://127.0.0.1:9000        | fastcgi   | //127.0.0.1:9000
            files:/var/www                  | files     | /var/www
            scgi+unix:/run/app.sock         | scgi+unix | /run/app.sock
            """)
    void readsTheSchemeOrDefaultsToApp(String text, String scheme, String target) {
        assertThat(AppSpec.parse(text)).isEqualTo(new AppSpec(scheme, target));
    }

    @Test
    void printsAsWritten() {
        assertThat(AppSpec.parse("app:com.example.MyApp")).hasToString("com.example.MyApp");
        assertThat(AppSpec.parse("fastcgi://h:1")).hasToString("fastcgi://h:1");
    }

    @Test
    void refusesAnEmptySpec() {
        assertThatThrownBy(() -> AppSpec.parse("")).hasMessageContaining("an app is needed");
    }

    @Test
    void parsesAMountIntoPrefixAndSpec() {
        MountSpec mount = MountSpec.parse("/api/=app:com.example.Api::create");
        assertThat(mount.app()).isEqualTo(new AppSpec("app", "com.example.Api::create"));
        assertThat(mount.normalizedPrefix()).isEqualTo("/api");
        assertThat(MountSpec.parse("/=x.Y").normalizedPrefix()).isEqualTo("/");
        assertThat(MountSpec.parse("/a=b=c.D").app().target()).isEqualTo("b=c.D");
    }

    @Test
    void refusesAMountWithoutPrefixOrLeadingSlash() {
        assertThatThrownBy(() -> MountSpec.parse("com.example.Api")).hasMessageContaining("is not PREFIX=SPEC");
        assertThatThrownBy(() -> MountSpec.parse("api=com.example.Api")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> MountSpec.parse("//api=com.example.Api")).hasMessageContaining("must not contain '//'");
    }
}
