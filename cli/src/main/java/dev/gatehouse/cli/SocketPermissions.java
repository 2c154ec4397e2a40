package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ListenerSpec;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
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
        UserPrincipalLookupService users = socket.getFileSystem().getUserPrincipalLookupService();
        if (listener.mode() != null) {
            set(socket, "mode", listener.mode(), () -> Files.setPosixFilePermissions(socket, permissions(listener.mode())));
        }
        if (listener.owner() != null) {
            set(socket, "owner", listener.owner(), () -> Files.setOwner(socket, users.lookupPrincipalByName(listener.owner())));
        }
        if (listener.group() != null) {
            set(socket, "group", listener.group(), () -> {
                GroupPrincipal group = users.lookupPrincipalByGroupName(listener.group());
                Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
            });
        }
    }

    @FunctionalInterface
    private interface Change {
        void run() throws IOException;
    }

    /** Makes one change, or says which one failed and why: "cannot give unix:/run/gh.sock the owner 'www': ...". */
    private static void set(Path socket, String attribute, String value, Change change) throws StartupException {
        String what = "cannot give unix:" + socket + " the " + attribute + " '" + value + "': ";
        try {
            change.run();
        } catch (UserPrincipalNotFoundException e) {
            throw new StartupException(what + "there is no such " + (attribute.equals("group") ? "group" : "user"));
        } catch (FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason() : e.toString();
            throw new StartupException(what + reason + (attribute.equals("owner") ? " (only root may give a file to another user)" : ""));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new StartupException(what + e);
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
