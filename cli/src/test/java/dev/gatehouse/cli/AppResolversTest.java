package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.cli.config.AppSpec;
import org.junit.jupiter.api.Test;

class AppResolversTest {
    private static final Application NOTHING = (environ, sr) -> Body.empty();

    private static AppResolver resolver(String scheme, Application app) {
        return new AppResolver() {
            @Override
            public String scheme() {
                return scheme;
            }

            @Override
            public String syntax() {
                return scheme + ":THING";
            }

            @Override
            public Application resolve(String target) {
                return app;
            }

            @Override
            public void check(String target) {
            }
        };
    }

    @Test
    void dispatchesBySchemeSoNewKindsSlotIn() throws Exception {
        AppResolvers resolvers = new AppResolvers(resolver("app", null), resolver("files", NOTHING));
        assertThat(resolvers.resolve(AppSpec.parse("files:/var/www"))).isSameAs(NOTHING);
    }

    @Test
    void namesTheSupportedSchemesForAnUnknownOne() {
        AppResolvers resolvers = AppResolvers.standard(getClass().getClassLoader());
        assertThatThrownBy(() -> resolvers.resolve(AppSpec.parse("gopher://host")))
                .isInstanceOf(StartupException.class)
                .hasMessage("unknown kind of app 'gopher:' in 'gopher://host'; supported: "
                        + "app:CLASS or app:CLASS::METHOD (or just CLASS, CLASS::METHOD), "
                        + "fastcgi://HOST:PORT or fastcgi:unix:PATH (either with ?root=DIR for PHP-FPM, &pool=N connections), "
                        + "scgi://HOST:PORT or scgi:unix:PATH, uwsgi://HOST:PORT or uwsgi:unix:PATH, http://HOST:PORT[/PREFIX], "
                        + "files:DIR (?index=FILES&listing=on&symlinks=refuse|within-root|any&cache=VALUE), "
                        + "cgi:/DIR (a directory of CGI scripts, with ?timeout=60s&max=N&auth=pass&docroot=/DIR&spawn=helper|direct), "
                        + "fastcgi+spawn:COMMAND?processes=N&..., scgi+spawn:COMMAND?processes=N&..., uwsgi+spawn:COMMAND?processes=N&...");
    }

    @Test
    void resolvesBareSpecsAsApps() throws Exception {
        AppResolvers resolvers = AppResolvers.standard(getClass().getClassLoader());
        assertThat(resolvers.resolve(AppSpec.parse(FixtureApps.Greeting.class.getName()))).isInstanceOf(FixtureApps.Greeting.class);
    }

    @Test
    void aFastCgiMountTakesItsPoolSizeFromTheTarget() throws Exception {
        AppResolvers resolvers = AppResolvers.standard(getClass().getClassLoader());
        var sized = (dev.gatehouse.fastcgi.client.FcgiProxyApp) resolvers.resolve(AppSpec.parse("fastcgi://127.0.0.1:9000?pool=3"));
        var unsized = (dev.gatehouse.fastcgi.client.FcgiProxyApp) resolvers.resolve(AppSpec.parse("fastcgi://127.0.0.1:9000"));
        assertThat(sized.config().maxConnections()).isEqualTo(3);
        assertThat(unsized.config().maxConnections()).isEqualTo(dev.gatehouse.fastcgi.client.FcgiClientConfig.defaults().maxConnections());
    }
}
