package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real curl, bounded in time; on CI (CI=true) a missing curl is a failure, elsewhere a skip. */
final class CurlSupport {
    private CurlSupport() {
    }

    record Result(int exitCode, String head, String body) {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return true;
        } catch (IOException | InterruptedException e) {
            // not installed
        }
        if ("true".equals(System.getenv("CI"))) fail("curl is required when CI=true: apt-get install curl");
        return false;
    }

    static Result run(String... args) throws Exception {
        Path dir = Files.createTempDirectory("curl-");
        Path head = dir.resolve("head");
        Path body = dir.resolve("body");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "30", "--http1.1",
                "--dump-header", head.toString(), "--output", body.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) fail("curl did not finish within 60 s: " + command);
            return new Result(p.exitValue(), Files.exists(head) ? Files.readString(head, StandardCharsets.ISO_8859_1) : "",
                    Files.exists(body) ? Files.readString(body, StandardCharsets.UTF_8) : "");
        } finally {
            p.destroyForcibly();
            for (Path f : List.of(head, body, dir)) Files.deleteIfExists(f);
        }
    }
}
