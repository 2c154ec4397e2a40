package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ListenerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives a Unix socket file the mode, owner and group its listener asks for, right after it is
 * bound (the server creates it 0660, owned by this process), so e.g. nginx's user can connect.
 */
final class SocketPermissions {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private SocketPermissions() {
    }

    static void apply(ListenerSpec listener, Path socket) throws StartupException {
        if (!listener.hasPermissions()) return;
        try {
            if (listener.mode() != null) Files.setPosixFilePermissions(socket, permissions(listener.mode()));
            UserPrincipalLookupService users = socket.getFileSystem().getUserPrincipalLookupService();
            if (listener.owner() != null) Files.setOwner(socket, users.lookupPrincipalByName(listener.owner()));
            if (listener.group() != null) {
                GroupPrincipal group = users.lookupPrincipalByGroupName(listener.group());
                Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new StartupException("cannot set the mode, owner or group of " + socket + ": " + e);
        }
    }

    /** "0660" or "660" as permission bits. */
    static Set<PosixFilePermission> permissions(String octal) {
        int mode = Integer.parseInt(octal, 8);
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) if ((mode & (1 << bit)) != 0) out.add(BITS[bit]);
        return out;
    }
}
