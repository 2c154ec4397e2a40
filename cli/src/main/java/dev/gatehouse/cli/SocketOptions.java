package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ListenerSpec;
import dev.gatehouse.cli.config.SocketAccess;
import dev.gatehouse.core.net.ListenAddress;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The mode, owner and group of the Unix sockets that {@code --http}, {@code --fastcgi},
 * {@code --scgi} and {@code --uwsgi} listen on (a file's {@code [[listen]]} says them per
 * listener), as uWSGI's {@code --chmod-socket} and {@code --chown-socket} do; set right after the
 * socket is bound, before the first connection is accepted.
 */
final class SocketOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--socket-mode", paramLabel = "MODE", order = 3,
            description = "Octal permissions for the unix: sockets listened on, as 0660 or 0666 (default: 0660).")
    String mode;

    @Option(names = "--socket-owner", paramLabel = "USER", order = 3,
            description = "The user (name or id) to own the unix: sockets listened on (changing it needs root).")
    String owner;

    @Option(names = "--socket-group", paramLabel = "GROUP", order = 3,
            description = "The group (name or id) of the unix: sockets listened on, e.g. www-data so nginx may connect.")
    String group;

    /** The listener on {@code address}, with these options when it is a Unix socket; checks them first. */
    ListenerSpec listener(ListenerSpec.Protocol protocol, ListenAddress address) {
        return address.isUnix() ? new ListenerSpec(protocol, address, mode, owner, group) : ListenerSpec.of(protocol, address);
    }

    /** Refuses options that are malformed, name nobody, or have no Unix socket to apply to. */
    void check(List<ListenerSpec> listeners) {
        if (mode == null && owner == null && group == null) return;
        String given = mode != null ? "--socket-mode" : owner != null ? "--socket-owner" : "--socket-group";
        if (listeners.stream().noneMatch(l -> l.address().isUnix())) {
            throw new ParameterException(spec.commandLine(), given + " applies to unix: listeners, and none is given (as in --http unix:/run/gh.sock)");
        }
        if (mode != null && !SocketAccess.isMode(mode)) {
            throw new ParameterException(spec.commandLine(), "--socket-mode must be octal permissions such as 0660, not '" + mode + "'");
        }
        if (owner != null && !SocketAccess.userExists(owner)) {
            throw new ParameterException(spec.commandLine(), "--socket-owner: no user '" + owner + "' on this system");
        }
        if (group != null && !SocketAccess.groupExists(group)) {
            throw new ParameterException(spec.commandLine(), "--socket-group: no group '" + group + "' on this system");
        }
    }
}
