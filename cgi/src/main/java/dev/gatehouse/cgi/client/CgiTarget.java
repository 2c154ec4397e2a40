package dev.gatehouse.cgi.client;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A directory of CGI scripts as a mount names it, Apache's {@code ScriptAlias} target:
 * {@code cgi:/srv/cgi-bin}, optionally with options joined by '&amp;' after a '?':
 * <ul>
 *   <li>{@code timeout=30s} how long a script may run ({@code ms}, {@code s} or {@code m});</li>
 *   <li>{@code max=16} scripts running at once;</li>
 *   <li>{@code auth=pass} give scripts the {@code Authorization} header (Apache's {@code CGIPassAuth On});</li>
 *   <li>{@code docroot=/srv/www} the DOCUMENT_ROOT told to scripts, against which PATH_TRANSLATED is
 *       formed (Apache uses its DocumentRoot); the script directory when not given;</li>
 *   <li>{@code spawn=helper} or {@code spawn=direct}: how scripts are started.</li>
 * </ul>
 * Options left out take the {@link CgiClientConfig}'s values ({@link #configure}).
 *
 * @param directory the script directory, absolute and normalized
 * @param timeout the script run time, or null for the configured one
 * @param maxScripts scripts at once, or 0 for the configured number
 * @param passAuthorization true if {@code auth=pass} was given
 * @param documentRoot DOCUMENT_ROOT, absolute and normalized, or null for {@code directory}
 * @param spawn how scripts are started, or null for the configured way
 */
public record CgiTarget(Path directory, Duration timeout, int maxScripts, boolean passAuthorization, Path documentRoot,
                        CgiClientConfig.Spawn spawn) {
    public static final String SCHEME = "cgi";
    private static final int MAX_SCRIPTS = 100_000;
    private static final String USAGE = "expected cgi:/ABSOLUTE/DIR, optionally with ?timeout=30s&max=N&auth=pass&docroot=/DIR&spawn=helper|direct";

    public CgiTarget {
        directory = absolute(directory, "directory");
        if (documentRoot != null) documentRoot = absolute(documentRoot, "docroot");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) throw new IllegalArgumentException("timeout must be positive");
        if (maxScripts < 0 || maxScripts > MAX_SCRIPTS) throw new IllegalArgumentException("max must be between 1 and " + MAX_SCRIPTS);
    }

    /** A script directory with every option left to the configuration. */
    public static CgiTarget of(Path directory) {
        return new CgiTarget(directory, null, 0, false, null, null);
    }

    /** Parses {@code cgi:/DIR[?OPTIONS]}; see the class comment for the options. */
    public static CgiTarget parse(String spec) {
        if (!spec.startsWith(SCHEME + ":")) throw new IllegalArgumentException(USAGE + ", got '" + spec + "'");
        String rest = spec.substring(SCHEME.length() + 1);
        int q = rest.indexOf('?');
        String dir = q < 0 ? rest : rest.substring(0, q);
        if (!dir.startsWith("/") || dir.startsWith("//")) throw new IllegalArgumentException(USAGE + ", got '" + spec + "'");
        Duration timeout = null;
        int max = 0;
        boolean auth = false;
        Path docroot = null;
        CgiClientConfig.Spawn spawn = null;
        if (q >= 0) {
            for (String option : rest.substring(q + 1).split("&", -1)) {
                int eq = option.indexOf('=');
                String name = eq < 0 ? option : option.substring(0, eq);
                String value = eq < 0 ? "" : option.substring(eq + 1);
                switch (name) {
                    case "timeout" -> {
                        if (timeout != null) throw twice(name, spec);
                        timeout = parseDuration(value, spec);
                    }
                    case "max" -> {
                        if (max != 0) throw twice(name, spec);
                        max = parseCount(value, spec);
                    }
                    case "auth" -> {
                        if (auth) throw twice(name, spec);
                        if (!value.equals("pass")) throw new IllegalArgumentException("auth takes only the value pass, in '" + spec + "'");
                        auth = true;
                    }
                    case "docroot" -> {
                        if (docroot != null) throw twice(name, spec);
                        if (!value.startsWith("/")) throw new IllegalArgumentException("docroot must be an absolute directory, in '" + spec + "'");
                        docroot = path(value, spec);
                    }
                    case "spawn" -> {
                        if (spawn != null) throw twice(name, spec);
                        spawn = switch (value) {
                            case "helper" -> CgiClientConfig.Spawn.HELPER;
                            case "direct" -> CgiClientConfig.Spawn.DIRECT;
                            default -> throw new IllegalArgumentException("spawn is helper or direct, in '" + spec + "'");
                        };
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + name + "': " + USAGE + ", got '" + spec + "'");
                }
            }
        }
        return new CgiTarget(path(dir, spec), timeout, max, auth, docroot, spawn);
    }

    /** {@code config} with this target's options applied. */
    public CgiClientConfig configure(CgiClientConfig config) {
        CgiClientConfig c = config;
        if (timeout != null) c = c.withTimeout(timeout);
        if (maxScripts > 0) c = c.withMaxScripts(maxScripts);
        if (passAuthorization) c = c.withPassAuthorization(true);
        if (spawn != null) c = c.withSpawn(spawn);
        return c;
    }

    /** DOCUMENT_ROOT: the {@code docroot} option, else the script directory. */
    public Path effectiveDocumentRoot() {
        return documentRoot != null ? documentRoot : directory;
    }

    private static IllegalArgumentException twice(String name, String spec) {
        return new IllegalArgumentException("option " + name + " given twice in '" + spec + "'");
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}: digits, then a unit. */
    private static Duration parseDuration(String text, String spec) {
        String unit = text.endsWith("ms") ? "ms" : text.endsWith("s") ? "s" : text.endsWith("m") ? "m" : "";
        String digits = text.substring(0, text.length() - unit.length());
        if (unit.isEmpty() || !isDigits(digits, 9)) {
            throw new IllegalArgumentException("timeout is a number with ms, s or m (30s), in '" + spec + "'");
        }
        long n = Long.parseLong(digits);
        if (n == 0) throw new IllegalArgumentException("timeout must be positive, in '" + spec + "'");
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static int parseCount(String text, String spec) {
        if (!isDigits(text, 6)) throw new IllegalArgumentException("max must be a number of scripts, in '" + spec + "'");
        int n = Integer.parseInt(text);
        if (n < 1 || n > MAX_SCRIPTS) throw new IllegalArgumentException("max must be between 1 and " + MAX_SCRIPTS + ", in '" + spec + "'");
        return n;
    }

    /** ASCII digits only (Long.parseLong would take a sign and other scripts' digits), at most {@code maxLength}. */
    private static boolean isDigits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static Path path(String text, String spec) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: '" + text + "' in '" + spec + "'", e);
        }
    }

    private static Path absolute(Path p, String what) {
        if (p == null) throw new IllegalArgumentException(what + " is required");
        if (!p.isAbsolute()) throw new IllegalArgumentException(what + " must be absolute: " + p);
        return p.normalize();
    }

    /** {@code cgi:/DIR[?OPTIONS]}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        StringBuilder options = new StringBuilder();
        if (timeout != null) options.append("&timeout=").append(formatDuration(timeout));
        if (maxScripts > 0) options.append("&max=").append(maxScripts);
        if (passAuthorization) options.append("&auth=pass");
        if (documentRoot != null) options.append("&docroot=").append(documentRoot);
        if (spawn != null) options.append("&spawn=").append(spawn.name().toLowerCase(Locale.ROOT));
        String base = SCHEME + ":" + directory;
        return options.isEmpty() ? base : base + "?" + options.substring(1);
    }

    private static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
