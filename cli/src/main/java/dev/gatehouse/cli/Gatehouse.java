package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command: the entry point of the runnable jar. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = Gatehouse.Version.class,
        description = "Gatehouse, the web gateway stack for the JVM: serves Java web apps over HTTP/1.1, FastCGI, SCGI, uwsgi and CGI.",
        subcommands = {ServeCommand.class, CheckCommand.class, ReloadCommand.class, CgiCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'gatehouse serve' for the demo site on http://127.0.0.1:8080, 'gatehouse help serve' for its options."})
public final class Gatehouse implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("cgi")) {
            // A CGI request pays for every class loaded: it starts without picocli (docs/cgi.md).
            Integer status = CgiCommand.runWithoutPicocli(Arrays.copyOfRange(args, 1, args.length));
            if (status != null) System.exit(status);
        }
        System.exit(commandLine().execute(args));
    }

    /** The command with its error handling: every user error is one line on stderr. */
    static CommandLine commandLine() {
        return new CommandLine(new Gatehouse())
                .setParameterExceptionHandler(Gatehouse::usageError)
                .setExecutionExceptionHandler(Gatehouse::startupError);
    }

    /** Without a subcommand, show what there is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed, such as 'serve'");
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int startupError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) throws Exception {
        if (!(e instanceof StartupException)) throw e; // a bug, not a user error: keep its stack trace
        PrintWriter err = cmd.getErr();
        if (e instanceof ConfigException config) {
            // every problem of the file, one a line, as FILE:LINE: message; a usage error, like a bad option
            config.messages().forEach(err::println);
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
        err.println("gatehouse: " + oneLine(e.getMessage()));
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Gatehouse.class.getPackage().getImplementationVersion();
            return new String[] {"gatehouse " + (version == null ? "(development build)" : version),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
