package dev.gatehouse.cli.config;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.middleware.AccessLogFormat;
import dev.gatehouse.middleware.TrustedProxies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads a site configuration file (TOML, docs/configuration.md) into a {@link SiteSpec}, finding
 * every problem it can without starting anything: syntax, unknown keys, wrong types, bad
 * addresses, prefixes and specs, duplicate names, files and directories that are not there.
 * Relative file names are taken from the file's own directory.
 */
public final class ConfigFile {
    /** Largest configuration file read: a site's file is a few KiB; anything huge is a mistake. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    static final Set<String> MIDDLEWARE_KEYS = Set.of("trusted-proxies", "basic-auth", "request-timeout", "gzip",
            "body-size-limit", "error-pages", "access-log", "access-log-format");
    static final Set<String> TOP_KEYS = union(MIDDLEWARE_KEYS, Set.of("pid-file", "class-path", "listen", "limits", "mount", "host"));
    static final Set<String> LISTEN_KEYS = Set.of("protocol", "address", "mode", "owner", "group");
    static final Set<String> HOST_KEYS = union(MIDDLEWARE_KEYS, Set.of("names", "default", "mount"));
    static final Set<String> MOUNT_KEYS = union(MIDDLEWARE_KEYS, Set.of("prefix", "app", "requires"));

    /** Where the class path comes from when the file has no {@code class-path}, for messages. */
    public static final String CLASS_PATH_VARIABLE = "GATEHOUSE_CLASSPATH";

    private final Path dir;
    private final List<String> defaultClassPath;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<MountSpec, Integer> mountLines = new IdentityHashMap<>();

    private ConfigFile(Path dir, List<String> defaultClassPath) {
        this.dir = dir;
        this.defaultClassPath = List.copyOf(defaultClassPath);
    }

    /** Reads {@code file}; the result holds the site and every problem found (the site is null if the file could not be parsed). */
    public static LoadedConfig load(Path file) {
        return load(file, List.of());
    }

    /**
     * Reads {@code file}, whose site loads its apps from {@code defaultClassPath} (the entries of
     * {@value #CLASS_PATH_VARIABLE}, relative to the working directory) when it has no
     * {@code class-path} of its own: the same default {@code --class-path} has.
     */
    public static LoadedConfig load(Path file, List<String> defaultClassPath) {
        String name = file.toString();
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            if (Files.size(absolute) > MAX_BYTES) {
                return failed(file, name, "the file is larger than " + MAX_BYTES / 1024 / 1024 + " MiB; is it the right one?");
            }
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return failed(file, name, "cannot read the configuration file: " + e);
        }
        return parse(text, absolute.getParent(), file, name, defaultClassPath);
    }

    /** Reads configuration text whose relative file names are taken from {@code dir}. */
    public static LoadedConfig parse(String text, Path dir, Path file, String name, List<String> defaultClassPath) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            List<ConfigProblem> syntax = new ArrayList<>();
            for (TomlParseError e : toml.errors()) syntax.add(new ConfigProblem(e.position().line(), e.getMessage()));
            return new LoadedConfig(file, name, null, syntax, Map.of());
        }
        ConfigFile reader = new ConfigFile(dir, defaultClassPath);
        SiteSpec site = reader.site(new TomlSection(toml, "the file", 1, dir, reader.problems));
        return new LoadedConfig(file, name, site, reader.problems, reader.mountLines);
    }

    private static LoadedConfig failed(Path file, String name, String message) {
        return new LoadedConfig(file, name, null, List.of(new ConfigProblem(0, message)), Map.of());
    }

    private SiteSpec site(TomlSection top) {
        top.rejectUnknownKeys(TOP_KEYS);
        List<ListenerSpec> listeners = listeners(top.tables("listen", "[[listen]]"));
        Http1Config limits = limits(top.table("limits", "[limits]"));
        List<String> classPath = top.has("class-path") ? classPath(top) : defaultClassPath(top);
        Path pidFile = top.path("pid-file");
        if (pidFile != null && !Files.isDirectory(pidFile.getParent())) {
            top.problem("pid-file", "pid-file: the directory " + pidFile.getParent() + " does not exist");
        }
        MiddlewareSpec middleware = middleware(top);
        List<HostSpec> hosts = hosts(top);
        return new SiteSpec(listeners, limits, classPath, middleware, hosts, pidFile);
    }

    private static List<String> classPath(TomlSection top) {
        List<String> classPath = new ArrayList<>();
        for (String entry : top.strings("class-path")) {
            classPath.add(classPathEntry(entry, entry.endsWith("/*"), top::resolve,
                    resolved -> top.problem("class-path", "class-path: " + resolved + " does not exist")));
        }
        return classPath;
    }

    /** The default's entries, as absolute paths (a reload must not depend on the working directory changing). */
    private List<String> defaultClassPath(TomlSection top) {
        List<String> classPath = new ArrayList<>();
        for (String entry : defaultClassPath) {
            classPath.add(classPathEntry(entry, entry.endsWith("/*") || entry.equals("*"), e -> Path.of(e).toAbsolutePath().normalize(),
                    resolved -> top.problem(0, CLASS_PATH_VARIABLE + " (the class path when the file has none): " + resolved + " does not exist")));
        }
        return classPath;
    }

    /** {@code entry} resolved, its trailing {@code *} (every jar in the directory) kept; {@code missing} hears of a path that is not there. */
    private static String classPathEntry(String entry, boolean jars, Function<String, Path> resolve, Consumer<Path> missing) {
        Path resolved = resolve.apply(jars ? entry.substring(0, entry.length() - 1) : entry);
        if (!Files.exists(resolved)) missing.accept(resolved);
        return jars ? resolved + "/*" : resolved.toString();
    }

    private List<ListenerSpec> listeners(List<TomlSection> sections) {
        List<ListenerSpec> out = new ArrayList<>();
        Map<ListenAddress, Integer> seen = new HashMap<>();
        for (TomlSection s : sections) {
            s.rejectUnknownKeys(LISTEN_KEYS);
            ListenerSpec.Protocol protocol = protocol(s);
            String address = s.requiredString("address", "\"127.0.0.1:8080\"");
            if (address == null) continue;
            ListenAddress parsed;
            try {
                parsed = ListenAddress.parseListen(address);
            } catch (IllegalArgumentException e) {
                s.problem("address", "bad listen address: " + e.getMessage());
                continue;
            }
            if (parsed.isUnix() && !parsed.unixPath().isAbsolute()) parsed = ListenAddress.unix(s.resolve(parsed.unixPath().toString()));
            if (parsed.isUnix() && !Files.isDirectory(parsed.unixPath().toAbsolutePath().getParent())) {
                s.problem("address", "bad listen address: the directory of " + parsed + " does not exist");
            }
            if (!parsed.isInherited() && !parsed.equals(ListenAddress.tcp(parsed.host(), 0)) && seen.containsKey(parsed)) {
                s.problem("address", "the address " + parsed + " is already a listener, at line " + seen.get(parsed));
            }
            seen.putIfAbsent(parsed, s.lineOf("address"));
            String mode = s.string("mode");
            if (mode != null && !SocketAccess.isMode(mode)) s.problem("mode", "mode must be octal permissions such as \"0660\", not '" + mode + "'");
            String owner = s.string("owner");
            if (owner != null && !SocketAccess.userExists(owner)) s.problem("owner", "owner: no user '" + owner + "' on this system");
            String group = s.string("group");
            if (group != null && !SocketAccess.groupExists(group)) s.problem("group", "group: no group '" + group + "' on this system");
            if ((mode != null || owner != null || group != null) && !parsed.isUnix()) {
                s.problem(s.has("mode") ? "mode" : s.has("owner") ? "owner" : "group", "mode, owner and group apply to unix: sockets only");
            }
            if (protocol != null) out.add(new ListenerSpec(protocol, parsed, mode, owner, group));
        }
        return out;
    }

    private static ListenerSpec.Protocol protocol(TomlSection s) {
        String text = s.string("protocol");
        if (text == null) return ListenerSpec.Protocol.HTTP;
        for (ListenerSpec.Protocol p : ListenerSpec.Protocol.values()) if (p.key().equals(text)) return p;
        s.problem("protocol", "protocol must be http, fastcgi, scgi or uwsgi, not '" + text + "'");
        return null;
    }

    private Http1Config limits(TomlSection s) {
        Http1Config d = ServerLimits.DEFAULTS;
        if (s == null) return d;
        s.rejectUnknownKeys(ServerLimits.NAMES);
        long maxConnections = positiveCount(s, "max-connections", d.maxConnections());
        Long maxBody = s.size("max-body-size");
        Duration header = positiveTime(s, "header-timeout", d.headerTimeout());
        Duration body = positiveTime(s, "body-timeout", d.bodyIdleTimeout());
        Duration keepAlive = positiveTime(s, "keep-alive-timeout", d.keepAliveTimeout());
        Duration write = positiveTime(s, "write-timeout", d.writeTimeout());
        long maxRequests = positiveCount(s, "max-requests-per-connection", d.maxRequestsPerConnection());
        Duration grace = s.time("shutdown-grace");
        return ServerLimits.of(maxConnections, maxBody == null ? d.maxBodyBytes() : maxBody, header, body, keepAlive, write,
                maxRequests, grace == null ? d.shutdownGrace() : grace);
    }

    private static long positiveCount(TomlSection s, String key, long otherwise) {
        Long n = s.integer(key);
        if (n == null) return otherwise;
        if (n <= 0 || n > Integer.MAX_VALUE) {
            s.problem(key, key + " must be a number from 1 to " + Integer.MAX_VALUE + ", not " + n);
            return otherwise;
        }
        return n;
    }

    private static Duration positiveTime(TomlSection s, String key, Duration otherwise) {
        Duration d = s.time(key);
        if (d == null) return otherwise;
        if (d.toMillis() <= 0) {
            s.problem(key, key + " must be greater than zero");
            return otherwise;
        }
        return d;
    }

    /** The middleware keys of a table (the whole file, a host or a mount). */
    private MiddlewareSpec middleware(TomlSection s) {
        List<String> proxies = s.strings("trusted-proxies");
        if (!proxies.isEmpty()) {
            try {
                TrustedProxies.trusting(proxies.toArray(String[]::new));
            } catch (IllegalArgumentException e) {
                s.problem("trusted-proxies", "trusted-proxies: " + e.getMessage());
            }
        }
        Path basicAuth = s.path("basic-auth");
        if (basicAuth != null && !Files.isReadable(basicAuth)) s.problem("basic-auth", "basic-auth: no readable file " + basicAuth);
        Duration timeout = s.time("request-timeout");
        if (timeout != null && timeout.toMillis() <= 0) s.problem("request-timeout", "request-timeout must be greater than zero");
        Long sizeLimit = s.size("body-size-limit");
        if (sizeLimit != null && sizeLimit <= 0) s.problem("body-size-limit", "body-size-limit must be greater than zero");
        String accessLog = s.string("access-log");
        if (accessLog != null && !accessLog.equals("-")) {
            Path log = s.resolve(accessLog);
            if (!Files.isDirectory(log.getParent())) s.problem("access-log", "access-log: the directory " + log.getParent() + " does not exist");
            accessLog = log.toString();
        }
        String format = s.string("access-log-format");
        if (format != null) {
            try {
                accessLogFormat(format);
            } catch (IllegalArgumentException e) {
                s.problem("access-log-format", "access-log-format: " + e.getMessage());
            }
        }
        return new MiddlewareSpec(proxies, basicAuth, timeout, s.bool("gzip", false), sizeLimit, errorPages(s), accessLog, format);
    }

    /** The format an access-log-format names: combined, json, or a pattern. */
    public static AccessLogFormat accessLogFormat(String format) {
        return switch (format) {
            case "combined" -> AccessLogFormat.combined();
            case "json" -> AccessLogFormat.json();
            default -> AccessLogFormat.pattern(format);
        };
    }

    private static Map<Integer, Path> errorPages(TomlSection s) {
        TomlSection pages = s.table("error-pages", "error-pages");
        if (pages == null) return Map.of();
        Map<Integer, Path> out = new LinkedHashMap<>();
        for (String key : pages.keys()) {
            int code;
            try {
                code = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (code < 400 || code > 599) {
                pages.problem(key, "error-pages: '" + key + "' is not an error status (400 to 599)");
                continue;
            }
            Path page = pages.path(key);
            if (page == null) continue;
            if (!Files.isReadable(page)) pages.problem(key, "error-pages: no readable file " + page + " for " + code);
            out.put(code, page);
        }
        return out;
    }

    private List<HostSpec> hosts(TomlSection top) {
        List<TomlSection> hostSections = top.tables("host", "[[host]]");
        List<TomlSection> topMounts = top.tables("mount", "[[mount]]");
        if (!hostSections.isEmpty() && !topMounts.isEmpty()) {
            top.problem(topMounts.getFirst().line(), "[[mount]] at the top cannot be used with [[host]]: write it as [[host.mount]] in a host");
        }
        if (hostSections.isEmpty()) {
            if (topMounts.isEmpty()) top.problem(0, "nothing to serve: add a [[mount]] (or [[host]] with [[host.mount]]) with a prefix and an app");
            return List.of(HostSpec.only(mounts(topMounts)));
        }
        List<HostSpec> hosts = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        int defaultLine = 0;
        for (TomlSection h : hostSections) {
            h.rejectUnknownKeys(HOST_KEYS);
            List<String> hostNames = new ArrayList<>();
            List<String> rawNames = h.strings("names");
            for (String raw : rawNames) {
                String n;
                try {
                    n = HostNames.normalize(raw);
                } catch (IllegalArgumentException e) {
                    h.problem("names", e.getMessage());
                    continue;
                }
                if (names.containsKey(n)) {
                    h.problem("names", "the host name '" + n + "' is already used by the host at line " + names.get(n));
                } else {
                    names.put(n, h.line());
                    hostNames.add(n);
                }
            }
            boolean isDefault = h.bool("default", false);
            if (isDefault && defaultLine != 0) h.problem("default", "two default hosts: the host at line " + defaultLine + " is the default already");
            if (isDefault && defaultLine == 0) defaultLine = h.line();
            if (!isDefault && rawNames.isEmpty()) {
                h.problem(h.has("names") ? h.lineOf("names") : h.line(), "[[host]] needs names = [\"example.com\", ...] (or default = true)");
            }
            List<TomlSection> mountSections = h.tables("mount", "[[host.mount]]");
            if (mountSections.isEmpty()) h.problem(h.line(), "the host " + (hostNames.isEmpty() ? "" : hostNames.getFirst() + " ") + "has no [[host.mount]]");
            hosts.add(new HostSpec(hostNames, isDefault, middleware(h), mounts(mountSections)));
        }
        return hosts;
    }

    private List<MountSpec> mounts(List<TomlSection> sections) {
        List<MountSpec> out = new ArrayList<>();
        Map<String, Integer> prefixes = new HashMap<>();
        for (TomlSection m : sections) {
            m.rejectUnknownKeys(MOUNT_KEYS);
            String prefix = m.requiredString("prefix", "\"/\"");
            String app = m.requiredString("app", "\"com.example.MyApp\" or \"files:/srv/www\"");
            String requires = m.string("requires");
            MiddlewareSpec middleware = middleware(m);
            if (prefix == null || app == null) continue;
            try {
                MountSpec.checkPrefix(prefix);
            } catch (IllegalArgumentException e) {
                m.problem("prefix", e.getMessage());
                continue;
            }
            AppSpec spec;
            try {
                spec = AppSpec.parse(app);
            } catch (IllegalArgumentException e) {
                m.problem("app", "bad app: " + e.getMessage());
                continue;
            }
            MountSpec mount = new MountSpec(prefix, spec, middleware, requires);
            Integer earlier = prefixes.putIfAbsent(mount.prefix(), m.lineOf("prefix"));
            if (earlier != null) {
                m.problem("prefix", "two mounts at " + mount.prefix() + ": the other is at line " + earlier);
                continue;
            }
            mountLines.put(mount, m.lineOf("app"));
            out.add(mount);
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
