package dev.gatehouse.cli.config;

import dev.gatehouse.core.net.ListenAddress;
import java.util.Locale;

/**
 * One listener: a protocol on an address, with the permissions of its socket file when it is a
 * Unix socket (the server creates it with mode 0660 and the process's owner and group otherwise).
 *
 * @param mode octal permissions such as "0660", or null
 * @param owner a user name for the socket file, or null
 * @param group a group name for the socket file, or null
 */
public record ListenerSpec(Protocol protocol, ListenAddress address, String mode, String owner, String group) {
    /** What a listener speaks. */
    public enum Protocol {
        HTTP, FASTCGI, SCGI, UWSGI;

        /** The name used on the command line and in the file: http, fastcgi, scgi, uwsgi. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static ListenerSpec of(Protocol protocol, ListenAddress address) {
        return new ListenerSpec(protocol, address, null, null, null);
    }

    public boolean hasPermissions() {
        return mode != null || owner != null || group != null;
    }

    @Override
    public String toString() {
        return protocol.key() + " " + address;
    }
}
