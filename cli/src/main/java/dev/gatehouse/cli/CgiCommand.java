package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.cli.config.AppSpec;
import dev.gatehouse.cgi.server.CgiServer;
import dev.gatehouse.examples.DemoSite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatehouse cgi}: serves one request as a CGI script (RFC 3875), started by a web server
 * (Apache httpd, lighttpd, any other) once per request. The request is the process environment and
 * stdin, the response goes to stdout, logging and the app's errors to stderr (the web server's
 * error log). See docs/cgi.md for the wrapper script, the web server configuration and the
 * start-up options that make it fast.
 */
@Command(name = "cgi", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Serve one request as a CGI script: a web server (Apache mod_cgi, lighttpd mod_cgi, ...) runs this command "
                + "once per request, with the request in the environment and on stdin; the response goes to stdout.",
            "",
            "SPEC names the app as for 'gatehouse serve --app' (a class, CLASS::METHOD, or a backend such as fastcgi://HOST:PORT); "
                + "without --app, the bundled demo site is served. Nothing but the response is written to stdout: "
                + "logging and whatever the app prints go to stderr, which the web server logs."},
        footerHeading = "%nAs a CGI script, an executable file in a ScriptAlias directory (docs/cgi.md: Apache, lighttpd, a faster start):%n",
        footer = {
            "  #!/bin/sh",
            "  exec java -jar /opt/gatehouse/gatehouse.jar cgi \\",
            "       --app com.example.MyApp --class-path /opt/myapp/app.jar"})
final class CgiCommand implements Callable<Integer> {

    @Option(names = "--app", paramLabel = "SPEC", order = 1, description = "The application to serve (default: the demo site).")
    String app;

    @Option(names = "--class-path", paramLabel = "PATH", order = 2, defaultValue = "${env:GATEHOUSE_CLASSPATH}",
            description = "Directories and jars to load the app from, separated by '${sys:path.separator}'; DIR/* is every jar "
                + "in DIR (repeatable; default: the GATEHOUSE_CLASSPATH environment variable).")
    List<String> classPath = new ArrayList<>();

    /** Builds the app, then serves this process's request; the exit status says whether the response went out whole. */
    @Override
    public Integer call() {
        return CgiServer.runProcess(() -> build(app, classPath));
    }

    /**
     * The same command without picocli, which costs a CGI process about as much as the rest of its
     * start-up (it loads and reflects over every command's classes): {@code Gatehouse.main} calls this
     * for {@code gatehouse cgi ...} and falls back to the full parser when it returns null.
     *
     * @param args the arguments after {@code cgi}
     * @return the exit status, or null if the arguments need the full parser (help, version, a typo)
     */
    static Integer runWithoutPicocli(String[] args) {
        String spec = null;
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value;
            if (!name.equals("--app") && !name.equals("--class-path")) return null;
            if (eq > 0) value = arg.substring(eq + 1);
            else if (i + 1 < args.length) value = args[++i];
            else return null;
            if (!name.equals("--app")) entries.add(value);
            else if (spec == null) spec = value;
            else return null; // twice: the full parser says what is wrong
        }
        if (entries.isEmpty()) {
            String fromEnvironment = System.getenv("GATEHOUSE_CLASSPATH");
            if (fromEnvironment != null) entries.add(fromEnvironment);
        }
        CgiCommand command = new CgiCommand();
        command.app = spec;
        command.classPath = entries;
        return command.call();
    }

    private static Application build(String spec, List<String> classPath) throws StartupException {
        if (spec == null) return DemoSite.create();
        AppResolvers resolvers = AppResolvers.standard(ClassPath.loader(classPath, CgiCommand.class.getClassLoader()));
        return resolvers.bindRoot(resolvers.resolve(AppSpec.parse(spec)));
    }
}
