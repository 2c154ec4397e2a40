package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassAppResolverTest {
    private static final String FIXTURES = FixtureApps.class.getName();
    private final ClassAppResolver resolver = new ClassAppResolver(getClass().getClassLoader());

    @Test
    void constructsAnApplicationClass() throws Exception {
        Application app = resolver.resolve(FIXTURES + "$Greeting");
        assertThat(app).isInstanceOf(FixtureApps.Greeting.class);
    }

    @Test
    void callsAStaticFactoryOnce() throws Exception {
        int before = FixtureApps.factoryCalls;
        Application app = resolver.resolve(FIXTURES + "::create");
        assertThat(app).isNotNull();
        assertThat(FixtureApps.factoryCalls).isEqualTo(before + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            com.example.Missing                 | class com.example.Missing not found on the class path
            com.example.Missing::create         | class com.example.Missing not found on the class path
            java.lang.String                    | class java.lang.String does not implement dev.gatehouse.api.Application
            FIXTURES$AbstractApp                | is abstract
            FIXTURES$NeedsArgument              | has no public no-argument constructor
            FIXTURES$FailingConstructor         | its constructor failed: java.lang.IllegalStateException: config file missing
            FIXTURES::missing                   | has no public method missing() without parameters
            FIXTURES::needsArgument             | has no public method needsArgument() without parameters
            FIXTURES::instanceFactory           | method instanceFactory() is not static
            FIXTURES::wrongReturnType           | returns java.lang.String, not dev.gatehouse.api.Application
            FIXTURES::failingFactory            | failingFactory() failed: java.lang.IllegalStateException: database unreachable
            FIXTURES::nullFactory               | nullFactory() returned null
            FIXTURES::                          | '' is not a method name
            com..Bad                            | 'com..Bad' is not a class name
            not a class                         | 'not a class' is not a class name
            """)
    void explainsWhyAnAppCannotBeLoaded(String spec, String reason) {
        String target = spec.replace("FIXTURES", FIXTURES);
        assertThatThrownBy(() -> resolver.resolve(target))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("cannot load app '" + target + "': ")
                .hasMessageContaining(reason.replace("FIXTURES", FIXTURES))
                .hasNoCause();
    }

    @Test
    void refusesAPackagePrivateClass() {
        assertThatThrownBy(() -> resolver.resolve("dev.gatehouse.cli.fixtures.PackagePrivateApp"))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("must be public");
    }
}

