package dev.gatehouse.cli;

import dev.gatehouse.cli.config.LoadedConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse check --config FILE}: reads and checks a configuration file without starting anything (nginx -t). */
@Command(name = "check", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Check a site configuration file without starting anything: every problem is printed as FILE:LINE: what is wrong "
            + "(exit 2); a good file prints 'FILE: ok' and a summary (exit 0)."})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The configuration file to check.")
    Path config;

    @Override
    public Integer call() throws ConfigException {
        LoadedConfig loaded = SiteCheck.load(config);
        spec.commandLine().getOut().println(config + ": ok (" + loaded.site().summary() + ")");
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
