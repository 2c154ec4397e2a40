package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged gatehouse.jar run as a user runs it: {@code java -jar gatehouse.jar ...}. */
class GatehouseJarIT {
    private static final Pattern SERVING = Pattern.compile("Gatehouse serving (.+) on (http://\\S+)$");
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private static List<String> javaJar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gatehouse.jar")));
        command.addAll(List.of(args));
        return command;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private Process gatehouse(String... args) throws IOException {
        return start(new ProcessBuilder(javaJar(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD));
    }

    private static BufferedReader stderr(Process process) {
        return new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    }

    /** Reads the log until the listener's line, and returns its URL. */
    private static Matcher awaitServing(BufferedReader log) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line; (line = log.readLine()) != null; ) {
            Matcher m = SERVING.matcher(line);
            if (m.find()) return m;
            seen.add(line);
        }
        throw new AssertionError("gatehouse ended without serving; its log: " + seen);
    }

    private static String get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void servesTheDemoAndExitsZeroOnSigterm() throws Exception {
        Process process = gatehouse("serve", "--http", "127.0.0.1:0");
        BufferedReader log = stderr(process);
        Matcher serving = awaitServing(log);
        assertThat(serving.group(1)).isEqualTo("the demo site");
        assertThat(get(serving.group(2) + "/hello")).isEqualTo("Hello, world!\n");

        process.toHandle().destroy(); // SIGTERM, leaving our end of its stderr open (Process.destroy closes it)
        List<String> rest = log.lines().toList();
        assertThat(process.waitFor()).isZero();
        assertThat(rest).anyMatch(line -> line.endsWith("Gatehouse stopped"));
    }

    @Test
    void loadsAnAppFromTheClassPathOption() throws Exception {
        Process process = gatehouse("serve", "--http", "127.0.0.1:0",
                "--class-path", System.getProperty("gatehouse.testClasses"), "--mount", "/hi=" + FixtureApps.Greeting.class.getName());
        Matcher serving = awaitServing(stderr(process));
        assertThat(serving.group(1)).isEqualTo("/hi=" + FixtureApps.Greeting.class.getName());
        assertThat(get(serving.group(2) + "/hi/there")).isEqualTo("greeting /hi|/there");
    }

    @Test
    void loadsAnAppFromTheClassPathInTheEnvironment() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaJar("serve", "--http", "127.0.0.1:0", "--app", FixtureApps.class.getName() + "::create"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GATEHOUSE_CLASSPATH", System.getProperty("gatehouse.testClasses"));
        Process process = start(builder);
        Matcher serving = awaitServing(stderr(process));
        assertThat(get(serving.group(2) + "/")).isEqualTo("made by a factory");
    }

    @Test
    void aConfigFileWithoutClassPathLoadsAppsFromTheClassPathInTheEnvironment(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("site.toml"), """
                [[listen]]
                address = "127.0.0.1:0"
                [[mount]]
                prefix = "/"
                app = "%s::create"
                """.formatted(FixtureApps.class.getName()));
        ProcessBuilder unset = new ProcessBuilder(javaJar("check", "--config", config.toString())).redirectErrorStream(true);
        unset.environment().remove("GATEHOUSE_CLASSPATH");
        Process without = start(unset);
        String said = new String(without.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(without.waitFor()).as(said).isEqualTo(2);
        assertThat(said).contains(config + ":5: cannot load app '" + FixtureApps.class.getName() + "::create': class "
                + FixtureApps.class.getName() + " not found on the class path");

        ProcessBuilder check = new ProcessBuilder(javaJar("check", "--config", config.toString())).redirectErrorStream(true);
        check.environment().put("GATEHOUSE_CLASSPATH", System.getProperty("gatehouse.testClasses"));
        Process checked = start(check);
        said = new String(checked.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(checked.waitFor()).as(said).isZero();

        ProcessBuilder serve = new ProcessBuilder(javaJar("serve", "--config", config.toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        serve.environment().put("GATEHOUSE_CLASSPATH", System.getProperty("gatehouse.testClasses"));
        Matcher serving = awaitServing(stderr(start(serve)));
        assertThat(get(serving.group(2) + "/")).isEqualTo("made by a factory");
    }

    @Test
    void aBadOptionIsOneLineOnStderrAndExitCode2() throws Exception {
        Process process = gatehouse("serve", "--no-such-option");
        List<String> err = stderr(process).lines().toList();
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(err).containsExactly("gatehouse serve: Unknown option: '--no-such-option' (see 'gatehouse serve --help')");
    }

    @Test
    void anAppThatCannotBeLoadedIsOneLineOnStderrAndExitCode1() throws Exception {
        Process process = gatehouse("serve", "--app", "com.example.Missing", "--http", "127.0.0.1:0");
        List<String> err = stderr(process).lines().toList();
        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(err).singleElement().asString().startsWith("gatehouse: cannot load app 'com.example.Missing'");
    }

    @Test
    void reportsItsVersionFromTheManifest() throws Exception {
        Process process = start(new ProcessBuilder(javaJar("--version")).redirectErrorStream(true));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        assertThat(out).startsWith("gatehouse 0.");
    }
}
