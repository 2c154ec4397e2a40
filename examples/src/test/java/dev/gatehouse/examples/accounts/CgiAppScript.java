package dev.gatehouse.examples.accounts;

import dev.gatehouse.cgi.server.CgiMain;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A CGI script that serves an app the way {@code gatehouse cgi} does, as docs/cgi.md installs one: a
 * {@code #!/bin/sh} wrapper that execs {@code java ... CgiMain --app SPEC}. Its class path is this
 * test run's, copied into a world-readable directory, because a web server runs scripts as an
 * unprivileged user who cannot read a build under {@code /root}. Settings go in as {@code -D} options.
 */
final class CgiAppScript implements AutoCloseable {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Jars a CGI process never loads (test frameworks, the browser driver), left out of the copy. */
    private static final Pattern TEST_ONLY = Pattern.compile("junit-|assertj|opentest4j|apiguardian|byte-buddy|surefire|selenium-|jazzer");
    private final TempDir dir;
    private final Path script;

    private CgiAppScript(TempDir dir, Path script) {
        this.dir = dir;
        this.script = script;
    }

    /** Writes {@code app.cgi} serving {@code spec}, with {@code properties} ("name=value") as system properties. */
    static CgiAppScript write(String spec, List<String> properties) throws IOException {
        TempDir dir = TempDir.create();
        try {
            Files.setPosixFilePermissions(dir.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
            String classPath = copyClassPath(dir.resolve("classpath"));
            List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xlog:disable", "-Xlog:all=warning:stderr"));
            for (String p : properties) command.add(quote("-D" + p));
            command.addAll(List.of("-cp", classPath, CgiMain.class.getName(), "--app", quote(spec)));
            Path script = dir.resolve("app.cgi");
            Files.writeString(script, "#!/bin/sh\nexec " + String.join(" ", command) + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new CgiAppScript(dir, script);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    Path path() {
        return script;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Copies each entry of this run's class path (jars and class directories) under {@code to}, world-readable. */
    private static String copyClassPath(Path to) throws IOException {
        String original = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> copies = new ArrayList<>();
        int n = 0;
        for (String entry : original.split(File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            Path from = Path.of(entry);
            if (!Files.exists(from) || TEST_ONLY.matcher(from.getFileName().toString()).lookingAt()) continue;
            Path copy = to.resolve((n++) + "-" + from.getFileName());
            copyTree(from, copy);
            copies.add(copy.toString());
        }
        setReadable(to);
        return String.join(File.pathSeparator, copies);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static void setReadable(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @Override
    public void close() throws IOException {
        dir.close();
    }
}
