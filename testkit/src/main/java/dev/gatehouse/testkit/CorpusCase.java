package dev.gatehouse.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the request corpus: the exact bytes a client sends and what the server must answer.
 * A case is a text file ({@code NAME.http}):
 * <pre>
 * # What the case is about, and the RFC section it comes from.
 * # expect: 400 close
 * # expect-body: GET /path the body     (optional; one per expected response, escaped)
 * POST / HTTP/1.1\r\n
 * Host: localhost\r\n
 * \r\n
 * </pre>
 * The header is the leading {@code #} lines. {@code expect:} lists the status of each response in
 * order, then {@code close} (the server closes the connection after them; nothing that follows is
 * parsed) or {@code keep-alive} (the connection stays usable). Every following line is data,
 * decoded with {@link EscapedBytes}: the file's own line breaks are not part of the bytes, so each
 * CR and LF is written as {@code \r} and {@code \n}, and a trailing space as {@code \x20}.
 */
public record CorpusCase(String name, String description, List<Integer> expectedStatuses, boolean expectClose,
                         List<byte[]> expectedBodies, byte[] bytes) {
    public CorpusCase {
        expectedStatuses = List.copyOf(expectedStatuses);
        expectedBodies = List.copyOf(expectedBodies);
    }

    public static CorpusCase parse(String name, String text) {
        StringBuilder description = new StringBuilder();
        List<Integer> statuses = null;
        boolean close = false;
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean inHeader = true;
        for (String line : text.split("\n", -1)) {
            if (inHeader && line.startsWith("#")) {
                String comment = line.substring(1).strip();
                if (comment.startsWith("expect:")) {
                    String[] words = comment.substring("expect:".length()).strip().split("\\s+");
                    statuses = new ArrayList<>();
                    for (int i = 0; i < words.length - 1; i++) statuses.add(Integer.parseInt(words[i]));
                    String last = words[words.length - 1];
                    if (!last.equals("close") && !last.equals("keep-alive")) {
                        throw new IllegalArgumentException(name + ": expect must end with close or keep-alive: " + comment);
                    }
                    close = last.equals("close");
                } else if (comment.startsWith("expect-body:")) {
                    bodies.add(EscapedBytes.decode(comment.substring("expect-body:".length()).stripLeading()));
                } else {
                    description.append(description.isEmpty() ? "" : " ").append(comment);
                }
                continue;
            }
            inHeader = false;
            data.writeBytes(EscapedBytes.decode(line));
        }
        if (statuses == null || statuses.isEmpty()) throw new IllegalArgumentException(name + ": no '# expect: STATUS... close|keep-alive' line");
        if (!bodies.isEmpty() && bodies.size() != statuses.size()) {
            throw new IllegalArgumentException(name + ": give an expect-body for every expected response or none");
        }
        if (data.size() == 0) throw new IllegalArgumentException(name + ": no request bytes");
        return new CorpusCase(name, description.toString(), statuses, close, bodies, data.toByteArray());
    }

    /** Every {@code *.http} case in {@code dir}, by name. */
    public static List<CorpusCase> loadAll(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".http")).sorted().map(CorpusCase::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the corpus in " + dir, e);
        }
    }

    /** The cases in a classpath directory such as {@code /corpus} (from a directory, not a jar). */
    public static List<CorpusCase> loadFromClasspath(Class<?> anchor, String resourceDir) {
        URL url = anchor.getResource(resourceDir);
        if (url == null) throw new IllegalArgumentException("no corpus directory " + resourceDir + " on the classpath");
        try {
            return loadAll(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static CorpusCase load(Path file) {
        try {
            String name = file.getFileName().toString().replaceFirst("\\.http$", "");
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus case " + file, e);
        }
    }

    @Override
    public String toString() {
        return name; // parameterized test names
    }
}
