package dev.gatehouse.cgi.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CGI scripts for tests: a {@code #!/bin/sh} wrapper that execs a real {@code java} running
 * {@link CgiMain} with the app named, as a user's wrapper does (docs/cgi.md). The JVM's class path is
 * this test run's (the module's classes, testkit with its fixtures, slf4j-simple), copied once into a
 * world-readable directory: a web server may run scripts as an unprivileged user, who cannot read a
 * build under {@code /root}.
 */
final class CgiScripts {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** The options docs/cgi.md recommends, less the AOT cache (a test run has no stable class path to train). */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=warning:stderr");
    /** Jars a CGI process never loads (the test framework and the fuzzer), left out of the copy. */
    private static final Pattern TEST_ONLY = Pattern.compile("jazzer|junit-|assertj|opentest4j|apiguardian|byte-buddy|surefire");
    private static String classPath;

    private CgiScripts() {
    }

    /** A new world-readable directory holding {@code app.cgi}, which serves {@code spec}. */
    static Path write(String spec) throws IOException {
        Path dir = Files.createTempDirectory("gatehouse-cgi-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path script = dir.resolve("app.cgi");
        Files.writeString(script, "#!/bin/sh\nexec " + String.join(" ", command(spec)) + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The command a script runs: java, its options, the class path, CgiMain and the app. */
    static List<String> command(String spec) {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classPath(), CgiMain.class.getName(), "--app", spec));
        return command;
    }

    /** Removes a script's directory. */
    static void delete(Path script) throws IOException {
        deleteTree(script.getParent());
    }

    /** This test run's class path, copied once per JVM into a world-readable temp directory (removed at exit). */
    static synchronized String classPath() {
        if (classPath != null) return classPath;
        String original = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try {
            Path dir = Files.createTempDirectory("gatehouse-cgi-classpath-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteTree(dir);
                } catch (IOException ignored) {
                    // a temp directory left behind
                }
            }));
            List<String> copies = new ArrayList<>();
            int n = 0;
            for (String entry : original.split(File.pathSeparator)) {
                if (entry.isEmpty()) continue;
                Path from = Path.of(entry);
                if (!Files.exists(from) || TEST_ONLY.matcher(from.getFileName().toString()).lookingAt()) continue;
                Path to = dir.resolve((n++) + "-" + from.getFileName());
                copyTree(from, to);
                copies.add(to.toString());
            }
            classPath = String.join(File.pathSeparator, copies);
            return classPath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the class path for CGI scripts", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
