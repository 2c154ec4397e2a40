package dev.gatehouse.supervise;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command that starts one backend process: its arguments (run directly, never through a
 * shell), environment variables added to Gatehouse's own, and working directory.
 *
 * <p>Where the process listens comes from a placeholder in the arguments: {@code {socket}} is
 * replaced by the path of a fresh Unix socket, {@code {port}} by a free TCP port on 127.0.0.1;
 * a command with neither gets a listening Unix socket as its standard input (the FastCGI
 * convention, see {@link SocketHandoff}).
 *
 * @param argv the program and its arguments, placeholders unexpanded
 * @param environment variables set for the process on top of the server's environment
 * @param directory the working directory, or null for the server's
 */
public record BackendCommand(List<String> argv, Map<String, String> environment, Path directory) {
    public static final String SOCKET = "{socket}";
    public static final String PORT = "{port}";

    public BackendCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        if (argv.isEmpty() || argv.get(0).isEmpty()) throw new IllegalArgumentException("a backend command needs a program to run");
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) throw new IllegalArgumentException("a NUL byte in the backend command " + argv);
        }
        boolean socket = argv.stream().anyMatch(a -> a.contains(SOCKET));
        boolean port = argv.stream().anyMatch(a -> a.contains(PORT));
        if (socket && port) throw new IllegalArgumentException("a backend command takes " + SOCKET + " or " + PORT + ", not both: " + argv);
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad environment variable for the backend: '" + name + "'");
            }
        }
    }

    public static BackendCommand of(String... argv) {
        return new BackendCommand(List.of(argv), Map.of(), null);
    }

    public static BackendCommand of(List<String> argv) {
        return new BackendCommand(argv, Map.of(), null);
    }

    /**
     * Splits a command line into arguments the way a POSIX shell would for plain words and quotes,
     * and nothing more: words are separated by spaces and tabs; {@code '...'} is literal;
     * inside {@code "..."} a backslash escapes {@code "} and {@code \}; outside quotes a backslash
     * escapes the next character. No variables, globs, pipes or redirections: for those, run
     * {@code sh -c '...'} explicitly (with {@code exec}, so the shell becomes the backend).
     */
    public static BackendCommand parse(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = commandLine.length();
        while (i < n) {
            char c = commandLine.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                i++;
            } else if (c == '\'') {
                int end = commandLine.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated ' in the backend command: " + commandLine);
                word.append(commandLine, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(commandLine, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) throw new IllegalArgumentException("a backslash ends the backend command: " + commandLine);
                word.append(commandLine.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c < ' ' || c == 0x7F) {
                throw new IllegalArgumentException("a control character in the backend command: " + commandLine);
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(word.toString());
        if (words.isEmpty()) throw new IllegalArgumentException("the backend command is empty");
        return of(words);
    }

    /** Appends a double-quoted part starting after its quote; returns the index after the closing quote. */
    private static int doubleQuoted(String s, int i, StringBuilder word) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') return i + 1;
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                word.append(s.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated \" in the backend command: " + s);
    }

    /** This command with {@code vars} added to (or replacing) its environment. */
    public BackendCommand withEnvironment(Map<String, String> vars) {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.putAll(vars);
        return new BackendCommand(argv, all, directory);
    }

    public BackendCommand withDirectory(Path dir) {
        return new BackendCommand(argv, environment, Objects.requireNonNull(dir, "dir"));
    }

    /** How the process gets its socket, by the placeholder in the arguments. */
    public SocketHandoff handoff() {
        for (String arg : argv) {
            if (arg.contains(SOCKET)) return SocketHandoff.UNIX_PATH;
            if (arg.contains(PORT)) return SocketHandoff.TCP_PORT;
        }
        return SocketHandoff.STDIN;
    }

    /** The arguments with {@code {socket}} and {@code {port}} replaced. */
    List<String> expand(String socketPath, int port) {
        List<String> out = new ArrayList<>(argv.size());
        for (String arg : argv) {
            String a = arg;
            if (socketPath != null) a = a.replace(SOCKET, socketPath);
            if (port > 0) a = a.replace(PORT, Integer.toString(port));
            out.add(a);
        }
        return out;
    }

    /** The program's file name ({@code php-cgi}), for names and messages. */
    public String programName() {
        String program = argv.get(0);
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
