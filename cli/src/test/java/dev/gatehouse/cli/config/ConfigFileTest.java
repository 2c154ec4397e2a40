package dev.gatehouse.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.net.ListenAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading configuration files: what each section becomes, and every problem reported at its line. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private LoadedConfig read(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("site.toml"), text);
        return ConfigFile.load(file);
    }

    private List<String> problems(String text) throws Exception {
        LoadedConfig loaded = read(text);
        assertThat(loaded.ok()).as("problems expected").isFalse();
        return loaded.messages().stream().map(m -> m.substring(dir.resolve("site.toml").toString().length() + 1)).toList();
    }

    @Test
    void readsEverySection() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("htpasswd"), "alice:{SHA}x\n");
        Files.writeString(dir.resolve("404.html"), "<p>gone</p>");
        LoadedConfig loaded = read("""
                pid-file = "run/gatehouse.pid"
                class-path = ["www"]
                access-log = "access.log"
                access-log-format = "json"
                trusted-proxies = ["10.0.0.0/8"]

                [[listen]]
                address = "127.0.0.1:8080"

                [[listen]]
                protocol = "fastcgi"
                address = "unix:fcgi.sock"
                mode = "0660"

                [limits]
                max-connections = 50
                max-body-size = "10m"
                header-timeout = "5s"
                body-timeout = 120
                keep-alive-timeout = "3s"
                write-timeout = "500ms"
                max-requests-per-connection = 7
                shutdown-grace = "1h"

                [[host]]
                names = ["Example.com", "*.example.com"]
                gzip = true
                error-pages = { 404 = "404.html" }

                [[host.mount]]
                prefix = "/static/"
                app = "files:${CONFIG_DIR}/www"
                basic-auth = "htpasswd"
                request-timeout = "10s"
                body-size-limit = "1m"

                [[host.mount]]
                prefix = "/"
                app = "com.example.Site::create"

                [[host]]
                names = ["other.test"]
                default = true

                [[host.mount]]
                prefix = "/"
                app = "http://127.0.0.1:8081/v1"
                """.replace("run/gatehouse.pid", "gatehouse.pid"));
        assertThat(loaded.messages()).isEmpty();
        SiteSpec site = loaded.site();
        assertThat(site.pidFile()).isEqualTo(dir.resolve("gatehouse.pid"));
        assertThat(site.classPath()).containsExactly(dir.resolve("www").toString());
        assertThat(site.middleware().accessLog()).isEqualTo(dir.resolve("access.log").toString());
        assertThat(site.middleware().accessLogFormat()).isEqualTo("json");
        assertThat(site.middleware().trustedProxies()).containsExactly("10.0.0.0/8");
        assertThat(site.listeners()).containsExactly(
                ListenerSpec.of(ListenerSpec.Protocol.HTTP, ListenAddress.tcp("127.0.0.1", 8080)),
                new ListenerSpec(ListenerSpec.Protocol.FASTCGI, ListenAddress.unix(dir.resolve("fcgi.sock")), "0660", null, null));
        assertThat(site.limits()).isEqualTo(ServerLimits.of(50, 10L << 20, Duration.ofSeconds(5), Duration.ofMinutes(2),
                Duration.ofSeconds(3), Duration.ofMillis(500), 7, Duration.ofHours(1)));
        HostSpec example = site.hosts().get(0);
        assertThat(example.names()).containsExactly("example.com", "*.example.com");
        assertThat(example.isDefault()).isFalse();
        assertThat(example.middleware().gzip()).isTrue();
        assertThat(example.middleware().errorPages()).isEqualTo(Map.of(404, dir.resolve("404.html")));
        MountSpec statics = example.mounts().get(0);
        assertThat(statics.prefix()).isEqualTo("/static");
        assertThat(statics.app()).isEqualTo(new AppSpec("files", dir.resolve("www").toString()));
        assertThat(statics.middleware().basicAuth()).isEqualTo(dir.resolve("htpasswd"));
        assertThat(statics.middleware().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(statics.middleware().bodySizeLimit()).isEqualTo(1L << 20);
        assertThat(example.mounts().get(1)).isEqualTo(new MountSpec("/", new AppSpec("app", "com.example.Site::create")));
        assertThat(loaded.lineOf(statics)).isEqualTo(32);
        assertThat(site.hosts().get(1).isDefault()).isTrue();
        assertThat(site.summary()).isEqualTo("2 listeners, 2 hosts, 3 mounts");
    }

    @Test
    void topLevelMountsMakeOneHostAndTheDefaults() throws Exception {
        LoadedConfig loaded = read("""
                [[mount]]
                prefix = "/api"
                app = "com.example.Api"
                """);
        assertThat(loaded.messages()).isEmpty();
        assertThat(loaded.site()).isEqualTo(new SiteSpec(List.of(), ServerLimits.DEFAULTS, List.of(), MiddlewareSpec.NONE,
                List.of(HostSpec.only(List.of(new MountSpec("/api", new AppSpec("app", "com.example.Api"))))), null));
    }

    @Test
    void aFileWithoutClassPathTakesTheDefaultOneAFileWithOneKeepsIt() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("classes"));
        String mount = """
                [[mount]]
                prefix = "/"
                app = "com.example.Api"
                """;
        List<String> fromEnvironment = List.of(dir.resolve("lib") + "/*", dir.resolve("classes").toString());
        LoadedConfig without = ConfigFile.load(Files.writeString(dir.resolve("site.toml"), mount), fromEnvironment);
        assertThat(without.messages()).isEmpty();
        assertThat(without.site().classPath()).containsExactly(dir.resolve("lib") + "/*", dir.resolve("classes").toString());

        LoadedConfig with = ConfigFile.load(Files.writeString(dir.resolve("site.toml"), "class-path = [\"classes\"]\n" + mount), fromEnvironment);
        assertThat(with.site().classPath()).containsExactly(dir.resolve("classes").toString());
    }

    @Test
    void aDefaultClassPathEntryThatIsNotThereIsAProblemOfTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("site.toml"), """
                [[mount]]
                prefix = "/"
                app = "com.example.Api"
                """);
        LoadedConfig loaded = ConfigFile.load(file, List.of(dir.resolve("missing").toString()));
        assertThat(loaded.messages()).containsExactly(file + ": GATEHOUSE_CLASSPATH (the class path when the file has none): "
                + dir.resolve("missing") + " does not exist");
    }

    @Test
    void socketOwnersAndGroupsMustExist() throws Exception {
        assertThat(problems("""
                [[listen]]
                address = "unix:gh.sock"
                mode = "0660"
                owner = "no-such-user-gh"
                group = "no-such-group-gh"
                [[mount]]
                prefix = "/"
                app = "com.example.A"
                """)).containsExactly(
                "4: owner: no user 'no-such-user-gh' on this system",
                "5: group: no group 'no-such-group-gh' on this system");
        LoadedConfig ids = read("""
                [[listen]]
                address = "unix:gh.sock"
                owner = "0"
                group = "root"
                [[mount]]
                prefix = "/"
                app = "com.example.A"
                """);
        assertThat(ids.messages()).as("a numeric id, as chown takes, or an existing name").isEmpty();
        assertThat(ids.site().listeners().getFirst().owner()).isEqualTo("0");
    }

    @Test
    void reportsASyntaxErrorAtItsLine() throws Exception {
        assertThat(problems("""
                [[mount]]
                prefix = "/"
                app = "com.example.Site
                """)).singleElement().asString().startsWith("3: ");
    }

    @Test
    void reportsEveryProblemWithItsLineNotOnlyTheFirst() throws Exception {
        List<String> problems = problems("""
                gzipp = true

                [[listen]]
                address = "127.0.0.1:99999"

                [limits]
                max-connections = "many"

                [[host]]
                names = ["a.test"]
                [[host.mount]]
                prefix = "/"
                app = "com.example.A"

                [[host]]
                names = ["A.test"]
                basic-auth = "no-such-htpasswd"
                [[host.mount]]
                prefix = "api"
                app = "com.example.B"
                """);
        assertThat(problems).containsExactly(
                "1: unknown key 'gzipp' in the file; did you mean 'gzip'?",
                "4: bad listen address: port out of range in '127.0.0.1:99999'",
                "7: 'max-connections' must be a whole number, not a string",
                "16: the host name 'a.test' is already used by the host at line 9",
                "17: basic-auth: no readable file " + dir.resolve("no-such-htpasswd"),
                "19: the prefix 'api' must start with '/'");
    }

    @Test
    void suggestsTheNearestKeyInAMount() throws Exception {
        assertThat(problems("""
                [[mount]]
                prefix = "/"
                app = "com.example.A"
                request-timout = "5s"
                """)).containsExactly("4: unknown key 'request-timout' in [[mount]]; did you mean 'request-timeout'?");
    }

    @Test
    void reportsWrongTypesMissingKeysAndDuplicatePrefixes() throws Exception {
        assertThat(problems("""
                [[mount]]
                prefix = "/"
                app = "com.example.A"
                gzip = "yes"

                [[mount]]
                prefix = "/"
                app = "com.example.B"

                [[mount]]
                app = "com.example.C"
                """)).containsExactly(
                "4: 'gzip' must be true or false, not a string",
                "7: two mounts at /: the other is at line 2",
                "10: [[mount]] needs 'prefix', as in prefix = \"/\"");
    }

    @Test
    void reportsBadListenersAndMiddlewareValues() throws Exception {
        assertThat(problems("""
                [[listen]]
                protocol = "gopher"
                address = "127.0.0.1:8080"

                [[listen]]
                address = "127.0.0.1:8081"
                mode = "0660"

                [[listen]]
                address = "unix:/no/such/dir/gh.sock"

                [[mount]]
                prefix = "/"
                app = "com.example.A"
                trusted-proxies = ["10.0.0.0/33"]
                access-log-format = "$no_such_variable"
                error-pages = { 200 = "ok.html", 500 = "missing.html" }
                """)).containsExactly(
                "2: protocol must be http, fastcgi, scgi or uwsgi, not 'gopher'",
                "7: mode, owner and group apply to unix: sockets only",
                "10: bad listen address: the directory of unix:/no/such/dir/gh.sock does not exist",
                "15: trusted-proxies: " + trustedProxiesMessage("10.0.0.0/33"),
                "16: access-log-format: " + formatMessage("$no_such_variable"),
                "17: error-pages: '200' is not an error status (400 to 599)",
                "17: error-pages: no readable file " + dir.resolve("missing.html") + " for 500");
    }

    @Test
    void refusesTwoDefaultHostsAndTopLevelMountsBesideHosts() throws Exception {
        assertThat(problems("""
                [[mount]]
                prefix = "/"
                app = "com.example.A"

                [[host]]
                default = true
                [[host.mount]]
                prefix = "/"
                app = "com.example.A"

                [[host]]
                default = true
                [[host.mount]]
                prefix = "/"
                app = "com.example.A"
                """)).containsExactly(
                "1: [[mount]] at the top cannot be used with [[host]]: write it as [[host.mount]] in a host",
                "12: two default hosts: the host at line 5 is the default already");
    }

    @Test
    void aHostNeedsNamesUnlessItIsTheDefault() throws Exception {
        assertThat(problems("""
                [[host]]
                names = []
                [[host.mount]]
                prefix = "/"
                app = "com.example.A"

                [[host]]
                [[host.mount]]
                prefix = "/"
                app = "com.example.A"
                """)).containsExactly(
                "2: [[host]] needs names = [\"example.com\", ...] (or default = true)",
                "7: [[host]] needs names = [\"example.com\", ...] (or default = true)");
    }

    @Test
    void anEmptyFileHasNothingToServe() throws Exception {
        assertThat(problems("# nothing\n")).containsExactly(" nothing to serve: add a [[mount]] (or [[host]] with [[host.mount]]) with a prefix and an app");
    }

    private static String trustedProxiesMessage(String cidr) {
        try {
            dev.gatehouse.middleware.TrustedProxies.trusting(cidr);
            return "(accepted)";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String formatMessage(String pattern) {
        try {
            dev.gatehouse.middleware.AccessLogFormat.pattern(pattern);
            return "(accepted)";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
