package dev.gatehouse.cli;

import dev.gatehouse.cli.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatehouse reload --config FILE}: checks the file, then sends SIGHUP to the server named by
 * its pid file (or {@code --pid-file}), as {@code nginx -s reload} does. A file with problems is
 * not sent: they are printed instead, and the server keeps its site.
 */
@Command(name = "reload", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Make a running 'gatehouse serve --config FILE' re-read its configuration: checks FILE, then sends "
            + "SIGHUP to the process in the pid file (the file's pid-file, or --pid-file)."})
final class ReloadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The configuration file the server runs.")
    Path config;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "The server's pid file, when the configuration names none.")
    Path pidFile;

    @Override
    public Integer call() throws StartupException {
        LoadedConfig loaded = SiteCheck.load(config);
        Path file = pidFile != null ? pidFile : loaded.site().pidFile();
        if (file == null) throw new StartupException(config + " names no pid-file; give the server's with --pid-file");
        long pid = PidFile.read(file);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new StartupException("no process " + pid + " is running (the pid file " + file + " is stale)");
        }
        hangUp(pid);
        spec.commandLine().getOut().println("gatehouse: asked process " + pid + " to reload " + config);
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }

    /** SIGHUP through kill(1): the JDK can send only SIGTERM and SIGKILL itself. */
    private static void hangUp(long pid) throws StartupException {
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes()).strip();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new StartupException("cannot signal process " + pid + ": " + out);
            }
        } catch (IOException e) {
            throw new StartupException("cannot run kill to signal process " + pid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while signalling process " + pid);
        }
    }
}
