package dev.gatehouse.supervise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A mount that starts its own backend, as the command line names it:
 * {@code PROTOCOL+spawn:COMMAND[?OPTIONS]}, e.g.
 *
 * <pre>
 * fastcgi+spawn:php-cgi?root=/srv/www&amp;processes=4&amp;max-requests=1000
 * fastcgi+spawn:php-cgi -b {socket}?root=/srv/www
 * fastcgi+spawn:gatehouse serve --fastcgi fd:0 app:com.example.App?processes=2&amp;connections=50
 * </pre>
 *
 * The command is split like a shell's words ({@link BackendCommand#parse}). The options are what
 * follows the <em>last</em> {@code ?}, {@code &}-separated, each once:
 * {@code root=DIR} (the FastCGI document root, as for {@code fastcgi:}), {@code dir=DIR} (the
 * working directory), {@code processes=N}, {@code connections=N} (per process),
 * {@code max-requests=N}, {@code max-lifetime=D}, {@code start-timeout=D}, {@code stop-grace=D},
 * {@code backoff-min=D}, {@code backoff-max=D}, {@code max-restarts=N}, {@code restart-window=D};
 * a duration {@code D} is a whole number with {@code ms}, {@code s}, {@code m} or {@code h}. A
 * command that itself contains a {@code ?} ends with a bare {@code ?} (no options).
 *
 * @param protocol the scheme before {@code +spawn} ({@code fastcgi}); which ones a server
 *     supports is its choice
 * @param command the backend command, with {@code dir=} as its working directory
 * @param documentRoot {@code root=}, absolute with no trailing '/', or null
 * @param config the defaults given to {@link #parse}, with the options applied
 */
public record SpawnTarget(String protocol, BackendCommand command, String documentRoot, SupervisorConfig config) {
    public static final String SUFFIX = "+spawn";
    private static final long MAX_NUMBER = 1_000_000_000L;

    public SpawnTarget {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(config, "config");
    }

    /** Parses {@code PROTOCOL+spawn:COMMAND[?OPTIONS]}, options applied to {@link SupervisorConfig#defaults()}. */
    public static SpawnTarget parse(String spec) {
        return parse(spec, SupervisorConfig.defaults());
    }

    /** Parses {@code PROTOCOL+spawn:COMMAND[?OPTIONS]}, options applied to {@code base}. */
    public static SpawnTarget parse(String spec, SupervisorConfig base) {
        String usage = "expected PROTOCOL+spawn:COMMAND[?OPTIONS], as in fastcgi+spawn:php-cgi?root=/srv/www&processes=4, got '" + spec + "'";
        int marker = spec.indexOf(SUFFIX + ":");
        if (marker <= 0) throw new IllegalArgumentException(usage);
        String protocol = spec.substring(0, marker);
        if (!protocol.matches("[a-z][a-z0-9]*")) throw new IllegalArgumentException(usage);
        String rest = spec.substring(marker + SUFFIX.length() + 1);
        int q = rest.lastIndexOf('?');
        String commandLine = q < 0 ? rest : rest.substring(0, q);
        BackendCommand command;
        try {
            command = BackendCommand.parse(commandLine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", in '" + spec + "'", e);
        }
        String root = null;
        SupervisorConfig config = base;
        if (q >= 0 && q < rest.length() - 1) {
            Set<String> seen = new HashSet<>();
            for (String option : rest.substring(q + 1).split("&", -1)) {
                int eq = option.indexOf('=');
                String key = eq < 0 ? option : option.substring(0, eq);
                String value = eq < 0 ? "" : option.substring(eq + 1);
                if (eq <= 0 || value.isEmpty()) throw new IllegalArgumentException("an option is KEY=VALUE, got '" + option + "' in '" + spec + "'");
                if (!seen.add(key)) throw new IllegalArgumentException("option " + key + " given twice in '" + spec + "'");
                try {
                    switch (key) {
                        case "root" -> root = directory(value, "root");
                        case "dir" -> command = command.withDirectory(Path.of(directory(value, "dir")));
                        case "processes" -> config = config.withProcesses((int) number(value, SupervisorConfig.MAX_PROCESSES));
                        case "connections" -> config = config.withConnectionsPerProcess((int) number(value, 10_000));
                        case "max-requests" -> config = config.withMaxRequests(number(value, MAX_NUMBER));
                        case "max-lifetime" -> config = config.withMaxLifetime(duration(value));
                        case "start-timeout" -> config = config.withStartTimeout(duration(value));
                        case "stop-grace" -> config = config.withStopGrace(duration(value));
                        case "backoff-min" -> config = config.withBackoff(duration(value), config.backoffMax());
                        case "backoff-max" -> config = config.withBackoff(config.backoffMin(), duration(value));
                        case "max-restarts" -> config = config.withRestartLimit((int) number(value, 1_000_000), config.restartWindow());
                        case "restart-window" -> config = config.withRestartLimit(config.maxRestarts(), duration(value));
                        default -> throw new IllegalArgumentException("unknown option '" + key + "'; the options are root, dir, processes, connections, "
                                + "max-requests, max-lifetime, start-timeout, stop-grace, backoff-min, backoff-max, max-restarts, restart-window");
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + ", in '" + spec + "'", e);
                }
            }
        }
        return new SpawnTarget(protocol, command, root, config);
    }

    private static String directory(String value, String key) {
        if (!value.startsWith("/")) throw new IllegalArgumentException(key + " must be an absolute directory, got '" + value + "'");
        String dir = value;
        while (dir.length() > 1 && dir.endsWith("/")) dir = dir.substring(0, dir.length() - 1);
        return key.equals("root") && dir.equals("/") ? "" : dir;
    }

    /** A whole number of plain ASCII digits (no sign), at most {@code max}. */
    static long number(String text, long max) {
        if (text.isEmpty() || text.length() > 10) throw new IllegalArgumentException("expected a number up to " + max + ", got '" + text + "'");
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("expected a number up to " + max + ", got '" + text + "'");
            n = n * 10 + (c - '0');
        }
        if (n > max) throw new IllegalArgumentException("expected a number up to " + max + ", got '" + text + "'");
        return n;
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
    static Duration duration(String text) {
        int split = 0;
        while (split < text.length() && text.charAt(split) >= '0' && text.charAt(split) <= '9') split++;
        String unit = text.substring(split);
        long n = number(text.substring(0, split), MAX_NUMBER);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("a duration is a number with ms, s, m or h, got '" + text + "'");
        };
    }
}
