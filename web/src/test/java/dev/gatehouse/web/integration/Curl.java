package dev.gatehouse.web.integration;

import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curl command line client as the browser of the integration tests: it keeps its cookies in a
 * jar file (which a test may tamper with) and sends real multipart uploads with {@code -F}.
 */
final class Curl {
    private static final Path CURL = Path.of("/usr/bin/curl");

    /** One exchange (or a chain of them with -L or --next): the final status, every header block, the last body. */
    record Reply(int status, String headers, String body) {
        /** The value of the last header {@code name} in the header blocks, or null. */
        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*(.*?)\\r?$").matcher(headers);
            String last = null;
            while (m.find()) last = m.group(1);
            return last;
        }
    }

    private final Path dir;
    private final Path jar;
    private int calls;

    Curl(Path dir) {
        PeerProcess.require(CURL, "apt-get install curl");
        this.dir = dir;
        this.jar = dir.resolve("cookies.txt");
    }

    Path jar() {
        return jar;
    }

    /** Runs curl with the cookie jar and {@code args} (URLs, -F, --data-urlencode, -L, --next...). */
    Reply run(String... args) throws IOException, InterruptedException {
        int n = ++calls;
        Path headers = dir.resolve("headers-" + n + ".txt");
        Path body = dir.resolve("body-" + n + ".html");
        // --next starts a transfer with fresh options (on the same connection): each gets the common ones
        List<String> common = List.of("-b", jar.toString(), "-c", jar.toString(), "-D", headers.toString(),
                "-o", body.toString(), "-w", "%{http_code}");
        List<String> command = new ArrayList<>(List.of(CURL.toString(), "-sS", "--max-time", "20"));
        command.addAll(common);
        for (String arg : args) {
            command.add(arg);
            if (arg.equals("--next")) command.addAll(common);
        }
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!curl.waitFor(30, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new IOException("curl did not finish: " + command);
        }
        if (curl.exitValue() != 0) throw new IOException("curl exited with " + curl.exitValue() + ": " + command);
        // -w prints once per transfer: the last status is the last three digits
        return new Reply(Integer.parseInt(status.substring(status.length() - 3)), Files.readString(headers, StandardCharsets.ISO_8859_1),
                Files.exists(body) ? Files.readString(body, StandardCharsets.UTF_8) : "");
    }

    /** Replaces the value of cookie {@code name} in the jar, as a user editing their cookies would. */
    void tamper(String name, java.util.function.UnaryOperator<String> change) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean found = false;
        for (String line : Files.readAllLines(jar, StandardCharsets.US_ASCII)) {
            String[] f = line.split("\t", -1);
            if (f.length == 7 && f[5].equals(name)) {
                f[6] = change.apply(f[6]);
                line = String.join("\t", f);
                found = true;
            }
            lines.add(line);
        }
        if (!found) throw new IllegalStateException("no cookie " + name + " in " + jar);
        Files.write(jar, lines, StandardCharsets.US_ASCII);
    }
}
