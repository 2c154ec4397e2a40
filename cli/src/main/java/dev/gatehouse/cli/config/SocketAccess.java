package dev.gatehouse.cli.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.regex.Pattern;

/**
 * Checks of what a Unix socket listener asks for its file: an octal mode, and a user and group
 * that exist here (a name or a numeric id, as {@code chown} takes), so a typo is a usage or
 * configuration error found before anything starts rather than a failed start.
 */
public final class SocketAccess {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    private SocketAccess() {
    }

    /** "0660" or "660". */
    public static boolean isMode(String mode) {
        return MODE.matcher(mode).matches();
    }

    public static boolean userExists(String name) {
        return found(name, false);
    }

    public static boolean groupExists(String name) {
        return found(name, true);
    }

    private static boolean found(String name, boolean group) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) return false;
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            if (group) users.lookupPrincipalByGroupName(name);
            else users.lookupPrincipalByName(name);
            return true;
        } catch (IOException notFound) { // UserPrincipalNotFoundException; or the database unreadable, which chown would fail on too
            return false;
        }
    }
}
