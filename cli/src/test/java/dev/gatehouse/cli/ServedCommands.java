package dev.gatehouse.cli;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * {@code gatehouse serve} started in the test's JVM from command-line arguments, as the command
 * line parses them; every server a test started is stopped after it (after the test's own
 * {@code @AfterEach} methods). Use with {@code @RegisterExtension}.
 */
final class ServedCommands implements AfterEachCallback {
    private final List<RunningServer> started = new ArrayList<>();

    RunningServer serve(String... args) throws StartupException {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        RunningServer running = command.start();
        started.add(running);
        return running;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(RunningServer::stop);
        started.clear();
    }
}
