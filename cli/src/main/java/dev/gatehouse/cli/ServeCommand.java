package dev.gatehouse.cli;

import dev.gatehouse.cli.config.AppSpec;
import dev.gatehouse.cli.config.HostNames;
import dev.gatehouse.cli.config.HostSpec;
import dev.gatehouse.cli.config.ListenerSpec;
import dev.gatehouse.cli.config.LoadedConfig;
import dev.gatehouse.cli.config.MiddlewareSpec;
import dev.gatehouse.cli.config.MountSpec;
import dev.gatehouse.cli.config.SiteSpec;
import dev.gatehouse.core.net.ListenAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: runs apps on the HTTP/1.1 server and/or over FastCGI, SCGI or uwsgi until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Serve applications over HTTP/1.1 and/or FastCGI, SCGI and uwsgi until SIGTERM or Ctrl-C, then finish the requests in flight and exit 0.",
            "",
            "SPEC names what to serve: a class implementing dev.gatehouse.api.Application with a public no-argument "
                + "constructor (com.example.MyApp), or a public static no-argument factory method returning one "
                + "(com.example.Apps::create), called once at start-up; 'app:' in front of either is the same. "
                + "A SPEC may also name a backend to forward to: fastcgi://HOST:PORT or fastcgi:unix:PATH (?root=DIR for PHP-FPM), "
                + "scgi://HOST:PORT, uwsgi://HOST:PORT (or :unix:PATH), http://HOST:PORT[/PREFIX]. "
                + "With neither --app nor --mount, the bundled demo site is served.",
            "",
            "--config FILE serves what a site configuration file describes instead (listeners, limits, virtual hosts, "
                + "mounts and their middleware; see docs/configuration.md); SIGHUP or 'gatehouse reload' re-reads it."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse serve                      the demo site on http://127.0.0.1:8080",
            "  gatehouse serve --config /etc/gatehouse/site.toml",
            "  gatehouse serve --app com.example.MyApp --class-path app.jar",
            "  gatehouse serve --mount /api=com.example.Api::create --mount /=app.Site",
            "  gatehouse serve --http 0.0.0.0:80 --http unix:/run/gh.sock --access-log -",
            "  gatehouse serve --app app.Site --fastcgi unix:/run/gh.sock --socket-group www-data",
            "  gatehouse serve --app com.example.MyApp --fastcgi unix:/run/gatehouse/fcgi.sock   (behind nginx or Apache)",
            "  gatehouse serve --app com.example.MyApp --scgi 127.0.0.1:4000 --uwsgi unix:/run/gatehouse/uwsgi.sock",
            "  gatehouse serve --mount /php=fastcgi:unix:/run/php/php-fpm.sock?root=/srv/php --mount /py=uwsgi://127.0.0.1:3031"})
final class ServeCommand implements Callable<Integer> {
    static final ListenAddress DEFAULT_ADDRESS = SiteServer.DEFAULT_ADDRESS;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", order = 0,
            description = "Serve the site this configuration file describes (TOML; docs/configuration.md). Only --pid-file may be given "
                + "with it; a file without class-path loads apps from GATEHOUSE_CLASSPATH.")
    Path config;

    @Option(names = "--pid-file", paramLabel = "FILE", order = 0,
            description = "Write the process id to FILE while serving (removed on exit), for 'gatehouse reload'; overrides the file's pid-file.")
    Path pidFile;

    @Option(names = "--app", paramLabel = "SPEC", order = 1,
            description = "The application to serve at the root of the URL space (the same as --mount /=SPEC).")
    String app;

    @Option(names = "--mount", paramLabel = "PREFIX=SPEC", order = 2, converter = MountConverter.class,
            description = {"Serve SPEC under the URL prefix PREFIX (repeatable). The app sees the prefix in SCRIPT_NAME "
                + "and the rest of the path in PATH_INFO; the longest matching prefix wins, on whole path segments."})
    List<MountSpec> mounts = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*", order = 6)
    List<HostOptions> hosts = new ArrayList<>();

    @Option(names = "--http", paramLabel = "ADDRESS", order = 3, converter = ListenAddressConverter.class,
            description = "Listen for HTTP on HOST:PORT ([::1]:8080 for IPv6, port 0 for any free one) or on the "
                + "Unix socket unix:PATH (repeatable; default: 127.0.0.1:8080 unless --fastcgi, --scgi or --uwsgi is given).")
    List<ListenAddress> listen = new ArrayList<>();

    @Option(names = "--fastcgi", paramLabel = "ADDRESS", order = 3, converter = ListenAddressConverter.class,
            description = "Serve the same apps over FastCGI (Responder and Authorizer roles) to a web server such as nginx "
                + "or Apache, on HOST:PORT or unix:PATH, or fd:0 for a listening socket handed over as standard input "
                + "(Apache mod_fcgid, lighttpd, systemd StandardInput=socket) (repeatable). Only loopback and Unix-socket peers may connect.")
    List<ListenAddress> fastcgi = new ArrayList<>();

    @Option(names = "--scgi", paramLabel = "ADDRESS", order = 3, converter = ListenAddressConverter.class,
            description = "Serve the same apps over SCGI (nginx scgi_pass, Apache mod_proxy_scgi) on HOST:PORT or unix:PATH (repeatable).")
    List<ListenAddress> scgi = new ArrayList<>();

    @Option(names = "--uwsgi", paramLabel = "ADDRESS", order = 3, converter = ListenAddressConverter.class,
            description = "Serve the same apps over the uwsgi protocol (nginx uwsgi_pass, Apache mod_proxy_uwsgi) on HOST:PORT or unix:PATH (repeatable).")
    List<ListenAddress> uwsgi = new ArrayList<>();

    @Option(names = "--access-log", paramLabel = "PATH|-", order = 4,
            description = "Log each request in Apache's Combined Log Format to the file PATH (appended), or to standard output for '-'. Off by default.")
    String accessLog;

    @Option(names = "--access-log-format", paramLabel = "FORMAT", order = 4, defaultValue = "combined",
            description = "combined (Apache's Combined Log Format), json (one JSON object a line), or a pattern of nginx "
                + "log_format variables such as '$remote_addr \"$request\" $status $request_time' (default: ${DEFAULT-VALUE}).")
    String accessLogFormat;

    @Option(names = "--class-path", paramLabel = "PATH", order = 5, defaultValue = "${env:GATEHOUSE_CLASSPATH}",
            description = "Directories and jars to load apps from, separated by '${sys:path.separator}'; DIR/* is every jar "
                + "in DIR (repeatable; default: the GATEHOUSE_CLASSPATH environment variable).")
    List<String> classPath = new ArrayList<>();

    @Mixin
    SocketOptions sockets;

    @Mixin
    LimitOptions limits;

    @Mixin
    MiddlewareOptions middleware;

    @Override
    public Integer call() throws Exception {
        RunningServer running = start();
        ServerSignals.install(running);
        // The JVM exits with 128+signal after its hooks; a server that drained cleanly exits 0.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }, "gatehouse-shutdown"));
        running.awaitTermination();
        running.stop(); // returns once a stop under way has closed everything, backends included
        return CommandLine.ExitCode.OK;
    }

    /** Loads the site, binds every listener and starts serving; returns at once. */
    RunningServer start() throws StartupException {
        if (config != null) return startFromFile();
        List<HostSpec> sites = hostsFromOptions();
        if (!sites.isEmpty()) return SiteServer.start(fromOptions(sites), describe(sites), mount -> "", null);
        DemoFiles demo = DemoFiles.extract();
        try {
            LoadedConfig loaded = SiteCheck.load(demo.config());
            RunningServer running = SiteServer.start(fromOptions(loaded.site().hosts()), "the demo site", mount -> "", null);
            running.closeAfter(demo);
            return running;
        } catch (StartupException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private RunningServer startFromFile() throws StartupException {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(o -> o.longestName()).filter(n -> !n.equals("--config") && !n.equals("--pid-file")).distinct().toList();
        if (!others.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--config cannot be combined with " + String.join(", ", others)
                    + ": say it in the file (only --pid-file may be given with --config)");
        }
        LoadedConfig loaded = SiteCheck.load(config);
        SiteSpec site = loaded.site();
        if (pidFile != null) site = new SiteSpec(site.listeners(), site.limits(), site.classPath(), site.middleware(), site.hosts(),
                pidFile.toAbsolutePath());
        return SiteServer.start(site, config.toString(), Reloader.where(loaded), config);
    }

    /** What the options say, serving {@code hosts}: the same model a configuration file gives. */
    SiteSpec fromOptions(List<HostSpec> hosts) {
        List<ListenerSpec> listeners = new ArrayList<>();
        for (ListenAddress a : listen) listeners.add(sockets.listener(ListenerSpec.Protocol.HTTP, a));
        for (ListenAddress a : fastcgi) listeners.add(sockets.listener(ListenerSpec.Protocol.FASTCGI, a));
        for (ListenAddress a : scgi) listeners.add(sockets.listener(ListenerSpec.Protocol.SCGI, a));
        for (ListenAddress a : uwsgi) listeners.add(sockets.listener(ListenerSpec.Protocol.UWSGI, a));
        sockets.check(listeners);
        List<String> entries = new ArrayList<>();
        for (String entry : classPath) entries.addAll(ClassPath.entries(entry));
        return new SiteSpec(listeners, limits.toConfig(), entries, middleware.toSpec(accessLog, accessLogFormat), hosts,
                pidFile == null ? null : pidFile.toAbsolutePath());
    }

    /** The site the options describe, for comparing with a file's. */
    SiteSpec fromOptions() {
        return fromOptions(hostsFromOptions());
    }

    /**
     * The hosts the options name: each --host with its --host-mounts, and the --app and --mount
     * mounts as the default host (the only one without --host); empty for the demo.
     */
    private List<HostSpec> hostsFromOptions() {
        List<MountSpec> plain = allMounts();
        if (hosts.isEmpty()) return plain.isEmpty() ? List.of() : List.of(HostSpec.only(plain));
        List<HostSpec> out = new ArrayList<>();
        if (!plain.isEmpty()) out.add(HostSpec.only(plain));
        Set<String> seen = new HashSet<>();
        for (HostOptions h : hosts) {
            List<String> names = new ArrayList<>();
            for (String raw : h.names.split(",", -1)) {
                String name;
                try {
                    name = HostNames.normalize(raw);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--host: " + e.getMessage());
                }
                if (!seen.add(name)) throw new ParameterException(spec.commandLine(), "--host: the name '" + name + "' is given twice");
                names.add(name);
            }
            if (h.mounts.isEmpty()) throw new ParameterException(spec.commandLine(), "--host " + h.names + " needs a --host-mount after it");
            Set<String> prefixes = new HashSet<>();
            for (MountSpec m : h.mounts) {
                if (!prefixes.add(m.prefix())) throw new ParameterException(spec.commandLine(), "two apps are mounted at " + m.prefix() + " of --host " + names.getFirst());
            }
            out.add(new HostSpec(names, false, MiddlewareSpec.NONE, h.mounts));
        }
        return out;
    }

    /** --app and every --mount, checked for two apps at one prefix. */
    private List<MountSpec> allMounts() {
        List<MountSpec> all = new ArrayList<>();
        if (app != null) all.add(new MountSpec("/", parseSpec("--app", app)));
        all.addAll(mounts);
        Set<String> seen = new HashSet<>();
        for (MountSpec m : all) {
            if (!seen.add(m.normalizedPrefix())) {
                throw new ParameterException(spec.commandLine(), "two apps are mounted at " + m.normalizedPrefix()
                        + (app != null && m.normalizedPrefix().equals("/") ? " (--app mounts at /)" : ""));
            }
        }
        return all;
    }

    private AppSpec parseSpec(String option, String text) {
        try {
            return AppSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    private static String describe(List<HostSpec> hosts) {
        if (hosts.size() > 1) return hosts.size() + " virtual hosts";
        List<MountSpec> all = hosts.getFirst().mounts();
        if (all.size() == 1 && all.get(0).normalizedPrefix().equals("/")) return all.get(0).app().toString();
        return all.stream().map(MountSpec::toString).collect(Collectors.joining(", "));
    }

    static String url(ListenAddress address) {
        return SiteServer.url(address);
    }

    static final class MountConverter implements CommandLine.ITypeConverter<MountSpec> {
        @Override
        public MountSpec convert(String value) {
            try {
                return MountSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ListenAddressConverter implements CommandLine.ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            try {
                return ListenAddress.parseListen(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
