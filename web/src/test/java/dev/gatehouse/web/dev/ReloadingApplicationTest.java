package dev.gatehouse.web.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.web.LiveServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingApplicationTest {
    @TempDir
    Path src;
    @TempDir
    Path classes;

    /** Writes and compiles a web app whose page says {@code text}, as a developer's build would. */
    private void compileApp(String text) throws Exception {
        Path file = src.resolve("reload/HelloApp.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package reload;

                import dev.gatehouse.api.Application;
                import dev.gatehouse.web.WebApp;

                public class HelloApp {
                    public static Application create() {
                        return new WebApp().get("/", req -> "%s").get("/helper", req -> Helper.say());
                    }
                }
                """.formatted(text));
        Files.writeString(src.resolve("reload/Helper.java"), """
                package reload;

                public class Helper {
                    public static String say() {
                        return "helper of %s";
                    }
                }
                """.formatted(text));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "21", file.toString(), src.resolve("reload/Helper.java").toString());
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void recompiledClassesAreServedOnTheNextRequest() throws Exception {
        compileApp("version one");
        ReloadingApplication app = new ReloadingApplication(classes, "reload.HelloApp::create",
                getClass().getClassLoader(), Duration.ZERO);
        try (LiveServer server = new LiveServer(app)) {
            assertThat(server.get("/").body()).isEqualTo("version one");
            assertThat(server.get("/helper").body()).isEqualTo("helper of version one");
            assertThat(app.generation()).isEqualTo(1); // nothing changed: no reload

            compileApp("version two, longer");
            assertThat(server.get("/").body()).isEqualTo("version two, longer");
            assertThat(server.get("/helper").body()).isEqualTo("helper of version two, longer");
            assertThat(app.generation()).isEqualTo(2);
        }
    }

    @Test
    void changesAreLookedForAtMostOncePerInterval() throws Exception {
        compileApp("old");
        ReloadingApplication app = new ReloadingApplication(classes, "reload.HelloApp::create",
                getClass().getClassLoader(), Duration.ofHours(1));
        try (LiveServer server = new LiveServer(app)) {
            compileApp("new and different");
            assertThat(server.get("/").body()).isEqualTo("old");
            assertThat(app.generation()).isEqualTo(1);
        }
    }

    @Test
    void aClassImplementingApplicationLoadsByName() throws Exception {
        Path file = src.resolve("plain/Hello.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package plain;

                import dev.gatehouse.api.*;

                public class Hello implements Application {
                    public Body call(Environ environ, StartResponse startResponse) {
                        startResponse.start(200, Header.of("Content-Type", "text/plain"));
                        return Body.of("plain app");
                    }
                }
                """);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(rc).isZero();
        try (LiveServer server = new LiveServer(new ReloadingApplication(classes, "plain.Hello"))) {
            assertThat(server.get("/").body()).isEqualTo("plain app");
        }
        assertThat(List.of(classes.toFile().list())).containsExactly("plain");
    }
}
