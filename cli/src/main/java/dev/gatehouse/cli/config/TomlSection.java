package dev.gatehouse.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * One table of the configuration file read with its line numbers: typed getters that report a
 * value of the wrong type as a problem at its line (and return null, so reading goes on and every
 * problem is found in one pass), and a check for keys the table does not know.
 */
final class TomlSection {
    /** Written in strings that name files, replaced by the directory the configuration file is in. */
    static final String CONFIG_DIR = "${CONFIG_DIR}";

    private final TomlTable table;
    private final String name;
    private final int line;
    private final Path dir;
    private final List<ConfigProblem> problems;

    TomlSection(TomlTable table, String name, int line, Path dir, List<ConfigProblem> problems) {
        this.table = table;
        this.name = name;
        this.line = line;
        this.dir = dir;
        this.problems = problems;
    }

    /** Where the table starts (its header), for problems about the table as a whole. */
    int line() {
        return line;
    }

    boolean has(String key) {
        return table.get(List.of(key)) != null;
    }

    int lineOf(String key) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        return position == null ? line : position.line();
    }

    void problem(String key, String message) {
        problems.add(new ConfigProblem(lineOf(key), message));
    }

    void problem(int at, String message) {
        problems.add(new ConfigProblem(at, message));
    }

    /** Reports every key not in {@code known}, with the known key it most resembles. */
    void rejectUnknownKeys(Set<String> known) {
        for (String key : table.keySet()) {
            if (known.contains(key)) continue;
            String nearest = KeySuggestion.nearest(key, known);
            problem(key, "unknown key '" + key + "' in " + name + (nearest != null ? "; did you mean '" + nearest + "'?"
                    : "; the keys here are " + String.join(", ", new TreeSet<>(known))));
        }
    }

    String string(String key) {
        Object value = table.get(List.of(key));
        if (value == null) return null;
        if (value instanceof String s) return s.replace(CONFIG_DIR, dir.toString());
        wrongType(key, value, "a string (in quotes)");
        return null;
    }

    /** A string that must be there: its absence is a problem at the table's header. */
    String requiredString(String key, String example) {
        if (!has(key)) {
            problem(line, name + " needs '" + key + "', as in " + key + " = " + example);
            return null;
        }
        return string(key);
    }

    boolean bool(String key, boolean otherwise) {
        Object value = table.get(List.of(key));
        if (value == null) return otherwise;
        if (value instanceof Boolean b) return b;
        wrongType(key, value, "true or false");
        return otherwise;
    }

    /** An array of strings; a single string is taken as an array of one. */
    List<String> strings(String key) {
        Object value = table.get(List.of(key));
        if (value == null) return List.of();
        if (value instanceof String) return List.of(string(key));
        if (value instanceof TomlArray array && all(array, String.class)) {
            List<String> out = new ArrayList<>();
            for (Object o : array.toList()) out.add(((String) o).replace(CONFIG_DIR, dir.toString()));
            return out;
        }
        wrongType(key, value, "an array of strings, as [\"a\", \"b\"]");
        return List.of();
    }

    /** A file name, relative to the configuration file's directory unless absolute. */
    Path path(String key) {
        String s = string(key);
        if (s == null) return null;
        if (s.isEmpty()) {
            problem(key, "'" + key + "' must name a file, not be empty");
            return null;
        }
        return resolve(s);
    }

    Path resolve(String file) {
        return dir.resolve(file).normalize();
    }

    /** A size: a number of bytes, or a string such as "512k", "10m", "1g". */
    Long size(String key) {
        Object value = table.get(List.of(key));
        if (value == null) return null;
        if (value instanceof Long n) {
            if (n >= 0) return n;
            problem(key, "'" + key + "' must not be negative");
            return null;
        }
        if (value instanceof String s) {
            try {
                return ByteSize.parse(s).bytes();
            } catch (IllegalArgumentException e) {
                problem(key, "'" + key + "': " + e.getMessage());
                return null;
            }
        }
        wrongType(key, value, "a size such as \"10m\" or a number of bytes");
        return null;
    }

    /** A duration: a number of seconds, or a string such as "30s", "500ms", "2m". */
    Duration time(String key) {
        Object value = table.get(List.of(key));
        if (value == null) return null;
        if (value instanceof Long n) {
            if (n >= 0) return Duration.ofSeconds(n);
            problem(key, "'" + key + "' must not be negative");
            return null;
        }
        if (value instanceof String s) {
            try {
                return TimeSpan.parse(s).duration();
            } catch (IllegalArgumentException e) {
                problem(key, "'" + key + "': " + e.getMessage());
                return null;
            }
        }
        wrongType(key, value, "a duration such as \"30s\" or a number of seconds");
        return null;
    }

    Long integer(String key) {
        Object value = table.get(List.of(key));
        if (value == null) return null;
        if (value instanceof Long n) return n;
        wrongType(key, value, "a whole number");
        return null;
    }

    /** A sub-table ({@code [name.key]} or {@code key = { ... }}), or null. */
    TomlSection table(String key, String label) {
        Object value = table.get(List.of(key));
        if (value == null) return null;
        if (value instanceof TomlTable t) return new TomlSection(t, label, lineOf(key), dir, problems);
        wrongType(key, value, "a table, as [" + key + "]");
        return null;
    }

    /** An array of tables ({@code [[key]]}), each with the line it starts at. */
    List<TomlSection> tables(String key, String label) {
        Object value = table.get(List.of(key));
        if (value == null) return List.of();
        if (value instanceof TomlArray array && all(array, TomlTable.class)) {
            List<TomlSection> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                TomlPosition at = array.inputPositionOf(i);
                out.add(new TomlSection(array.getTable(i), label, at == null ? lineOf(key) : at.line(), dir, problems));
            }
            return out;
        }
        wrongType(key, value, "a list of tables, each starting with [[" + key + "]]");
        return List.of();
    }

    /** Arrays may mix types (TOML 1.0); these keys want one. */
    private static boolean all(TomlArray array, Class<?> type) {
        for (int i = 0; i < array.size(); i++) if (!type.isInstance(array.get(i))) return false;
        return true;
    }

    Set<String> keys() {
        return table.keySet();
    }

    private void wrongType(String key, Object value, String expected) {
        problem(key, "'" + key + "' must be " + expected + ", not " + describe(value));
    }

    private static String describe(Object value) {
        return switch (value) {
            case String s -> "a string";
            case Long n -> "a number";
            case Double d -> "a number with a fraction";
            case Boolean b -> b ? "true" : "false";
            case TomlArray a -> "an array";
            case TomlTable t -> "a table";
            default -> "a date or time";
        };
    }
}
