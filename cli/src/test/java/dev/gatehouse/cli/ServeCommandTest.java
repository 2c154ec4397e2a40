package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.cli.config.AppSpec;
import dev.gatehouse.cli.config.MountSpec;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option parsing: what each option turns into, before anything starts. */
class ServeCommandTest {
    private static ServeCommand parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void defaultsToTheDemoOnLocalhost8080WithTheServerDefaults() {
        ServeCommand command = parse();
        assertThat(command.app).isNull();
        assertThat(command.mounts).isEmpty();
        assertThat(command.listen).isEmpty();
        assertThat(ServeCommand.DEFAULT_ADDRESS).isEqualTo(ListenAddress.tcp("127.0.0.1", 8080));
        assertThat(command.limits.toConfig()).isEqualTo(Http1Config.defaults());
        assertThat(command.accessLog).isNull();
    }

    @Test
    void mapsEveryLimitOptionToItsConfigField() {
        Http1Config config = parse(
                "--max-connections", "50",
                "--max-body-size", "10m",
                "--header-timeout", "5s",
                "--body-timeout", "2m",
                "--keep-alive-timeout", "3",
                "--write-timeout", "500ms",
                "--max-requests-per-connection", "7",
                "--shutdown-grace", "1h").limits.toConfig();
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.bodyIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.writeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.maxRequestsPerConnection()).isEqualTo(7);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofHours(1));
        assertThat(config.maxHeaderBytes()).isEqualTo(Http1Config.defaults().maxHeaderBytes());
    }

    @Test
    void allowsAShutdownWithoutGrace() {
        assertThat(parse("--shutdown-grace", "0").limits.toConfig().shutdownGrace()).isZero();
    }

    @Test
    void refusesLimitsThatMustBePositive() {
        assertThatThrownBy(() -> parse("--max-connections", "0").limits.toConfig())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--max-connections must be greater than zero");
        assertThatThrownBy(() -> parse("--write-timeout", "0s").limits.toConfig())
                .hasMessage("--write-timeout must be greater than zero");
    }

    @Test
    void collectsSeveralListenAddresses() {
        assertThat(parse("--http", "0.0.0.0:80", "--http", "[::1]:8080", "--http", "unix:/run/g.sock").listen)
                .containsExactly(ListenAddress.tcp("0.0.0.0", 80), ListenAddress.tcp("::1", 8080),
                        ListenAddress.unix(Path.of("/run/g.sock")));
    }

    @Test
    void collectsMountsInOrder() {
        assertThat(parse("--mount", "/api=com.example.Api::create", "--mount", "/=app:com.example.Site").mounts)
                .containsExactly(new MountSpec("/api", new AppSpec("app", "com.example.Api::create")),
                        new MountSpec("/", new AppSpec("app", "com.example.Site")));
    }

    @Test
    void readsTheAccessLogAndClassPathOptions() {
        ServeCommand command = parse("--access-log", "-", "--class-path", "a.jar", "--class-path", "lib/*");
        assertThat(command.accessLog).isEqualTo("-");
        assertThat(command.classPath).containsExactly("a.jar", "lib/*");
    }

    @Test
    void refusesMalformedValuesAsUsageErrors() {
        assertThatThrownBy(() -> parse("--http", "8080")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("expected HOST:PORT or unix:PATH");
        assertThatThrownBy(() -> parse("--mount", "api")).hasMessageContaining("is not PREFIX=SPEC");
        assertThatThrownBy(() -> parse("--max-body-size", "lots")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> parse("--header-timeout", "soon")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> parse("--max-connections", "many")).isInstanceOf(CommandLine.ParameterException.class);
    }
}
