package dev.gatehouse.cli;

import dev.gatehouse.cli.config.MountSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * One virtual host on the command line: {@code --host NAMES} and the {@code --host-mount}s after
 * it, as a {@code [[host]]} with its {@code [[host.mount]]}s says in a configuration file.
 */
final class HostOptions {
    // one value: a second --host starts the next host (a list would collect every --host into one)
    @Option(names = "--host", required = true, paramLabel = "NAMES", order = 6,
            description = "Start a virtual host answering these names (comma-separated; *.example.com for every name below "
                + "example.com); the --host-mount options after it are its mounts (repeatable). Requests for other names go "
                + "to the --mount/--app mounts if any, else to the first host, as nginx does.")
    String names;

    @Option(names = "--host-mount", paramLabel = "PREFIX=SPEC", order = 7, converter = ServeCommand.MountConverter.class,
            description = "A mount of the virtual host named by the --host before it, as --mount (repeatable).")
    List<MountSpec> mounts = new ArrayList<>();
}
