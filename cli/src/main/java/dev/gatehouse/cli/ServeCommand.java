package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.examples.DemoSite;
import dev.gatehouse.fastcgi.server.FcgiServer;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.AccessLog;
import dev.gatehouse.middleware.AccessLogFormat;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.scgi.server.ScgiServer;
import dev.gatehouse.uwsgi.server.UwsgiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
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
                + "With neither --app nor --mount, the bundled demo site is served."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse serve                      the demo site on http://127.0.0.1:8080",
            "  gatehouse serve --app com.example.MyApp --class-path app.jar",
            "  gatehouse serve --mount /api=com.example.Api::create --mount /=app.Site",
            "  gatehouse serve --http 0.0.0.0:80 --http unix:/run/gh.sock --access-log -",
            "  gatehouse serve --app com.example.MyApp --fastcgi unix:/run/gatehouse/fcgi.sock   (behind nginx or Apache)",
            "  gatehouse serve --app com.example.MyApp --scgi 127.0.0.1:4000 --uwsgi unix:/run/gatehouse/uwsgi.sock",
            "  gatehouse serve --mount /php=fastcgi:unix:/run/php/php-fpm.sock?root=/srv/php --mount /py=uwsgi://127.0.0.1:3031"})
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    static final ListenAddress DEFAULT_ADDRESS = ListenAddress.tcp("127.0.0.1", 8080);

    @Spec
    CommandSpec spec;

    @Option(names = "--app", paramLabel = "SPEC", order = 1,
            description = "The application to serve at the root of the URL space (the same as --mount /=SPEC).")
    String app;

    @Option(names = "--mount", paramLabel = "PREFIX=SPEC", order = 2, converter = MountConverter.class,
            description = {"Serve SPEC under the URL prefix PREFIX (repeatable). The app sees the prefix in SCRIPT_NAME "
                + "and the rest of the path in PATH_INFO; the longest matching prefix wins, on whole path segments."})
    List<MountSpec> mounts = new ArrayList<>();

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
    LimitOptions limits;

    @Mixin
    MiddlewareOptions middleware;

    /** The resolvers of the last start, whose supervised backends are stopped after the servers. */
    private AppResolvers resolvers;

    @Override
    public Integer call() throws Exception {
        RunningServer running = start();
        // The JVM exits with 128+signal after its hooks; a server that drained cleanly exits 0.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }, "gatehouse-shutdown"));
        running.awaitTermination();
        return CommandLine.ExitCode.OK;
    }

    /** Loads the apps, binds every listener and starts serving; returns at once. */
    RunningServer start() throws StartupException {
        List<MountSpec> all = allMounts();
        Http1Config config = limits.toConfig();
        DemoGateways demo = all.isEmpty() ? startDemoGateways() : null;
        Application application = demo != null ? demo.site() : buildApplication(all);
        application = middleware.wrap(application);
        AccessLog requestLog = openAccessLog();
        if (requestLog != null) application = requestLog.wrap(application);
        boolean gatewayOnly = !fastcgi.isEmpty() || !scgi.isEmpty() || !uwsgi.isEmpty();
        List<ListenAddress> http = listen.isEmpty() && !gatewayOnly ? List.of(DEFAULT_ADDRESS) : listen;
        Http1Server server = http.isEmpty() ? null : new Http1Server(application, config);
        FcgiServer fcgiServer = fastcgi.isEmpty() ? null : new FcgiServer(application, limits.toFcgiConfig(config));
        ScgiServer scgiServer = scgi.isEmpty() ? null : new ScgiServer(application, limits.toStreamConfig(config));
        UwsgiServer uwsgiServer = uwsgi.isEmpty() ? null : new UwsgiServer(application, limits.toStreamConfig(config));
        RunningServer running = new RunningServer(server, fcgiServer, scgiServer, uwsgiServer, requestLog);
        if (demo != null) running.closeAfter(demo);
        if (resolvers != null) resolvers.opened().forEach(running::closeAfter);
        try {
            for (ListenAddress address : http) server.listen(address);
            for (ListenAddress address : fastcgi) fcgiServer.listen(address);
            for (ListenAddress address : scgi) scgiServer.listen(address);
            for (ListenAddress address : uwsgi) uwsgiServer.listen(address);
        } catch (IOException e) {
            running.release(); // the listeners already bound and the access log
            throw new StartupException(e.getMessage());
        }
        String what = describe(all);
        if (server != null) {
            server.start();
            for (ListenAddress address : server.addresses()) log.info("Gatehouse serving {} on {}", what, url(address));
        }
        if (fcgiServer != null) {
            fcgiServer.start();
            for (ListenAddress address : fcgiServer.addresses()) log.info("Gatehouse serving {} over FastCGI on {}", what, address);
        }
        if (scgiServer != null) {
            scgiServer.start();
            for (ListenAddress address : scgiServer.addresses()) log.info("Gatehouse serving {} over SCGI on {}", what, address);
        }
        if (uwsgiServer != null) {
            uwsgiServer.start();
            for (ListenAddress address : uwsgiServer.addresses()) log.info("Gatehouse serving {} over uwsgi on {}", what, address);
        }
        return running;
    }

    private AccessLogFormat accessLogFormat() throws StartupException {
        try {
            return switch (accessLogFormat) {
                case "combined" -> AccessLogFormat.combined();
                case "json" -> AccessLogFormat.json();
                default -> AccessLogFormat.pattern(accessLogFormat);
            };
        } catch (IllegalArgumentException e) {
            throw new StartupException("--access-log-format: " + e.getMessage());
        }
    }

    /** The demo's second servers for its gateway tour; without them (no Unix sockets here?) the plain demo is served. */
    private static DemoGateways startDemoGateways() {
        try {
            return DemoGateways.start();
        } catch (IOException | RuntimeException e) {
            log.warn("the demo's gateway tour (/via/...) is off: {}", e.toString());
            return null;
        }
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

    private Application buildApplication(List<MountSpec> all) throws StartupException {
        if (all.isEmpty()) return DemoSite.create();
        AppResolvers resolvers = AppResolvers.standard(ClassPath.loader(classPath, ServeCommand.class.getClassLoader()));
        this.resolvers = resolvers;
        if (all.size() == 1 && all.get(0).normalizedPrefix().equals("/")) return resolvers.bindRoot(resolvers.resolve(all.get(0).app()));
        UrlMap.Builder map = UrlMap.builder();
        for (MountSpec m : all) map.mount(m.normalizedPrefix(), resolvers.resolve(m.app()));
        return resolvers.bindRoot(map.build());
    }

    private AccessLog openAccessLog() throws StartupException {
        if (accessLog == null) return null;
        AccessLogFormat format = accessLogFormat();
        if (accessLog.equals("-")) return AccessLog.toStdout(format);
        try {
            return AccessLog.toFile(Path.of(accessLog), format);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot open the access log " + accessLog + ": " + e.getMessage());
        }
    }

    private static String describe(List<MountSpec> all) {
        if (all.isEmpty()) return "the demo site";
        if (all.size() == 1 && all.get(0).normalizedPrefix().equals("/")) return all.get(0).app().toString();
        return all.stream().map(MountSpec::toString).collect(Collectors.joining(", "));
    }

    static String url(ListenAddress address) {
        return address.isUnix() ? address.toString() : "http://" + address;
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
