package dev.gatehouse.cli;

import dev.gatehouse.cli.config.AppSpec;
import dev.gatehouse.cli.config.ConfigFile;
import dev.gatehouse.cli.config.HostSpec;
import dev.gatehouse.cli.config.LoadedConfig;
import dev.gatehouse.cli.config.MountSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a configuration file and checks what needs the apps too (each mount's spec against its
 * resolver: classes on the class path, directories, backend addresses, programs), so every problem
 * is known, with its line, before anything starts: for {@code check}, {@code serve} and reloads.
 */
final class SiteCheck {
    private SiteCheck() {
    }

    /**
     * The file's site when it has no problem; otherwise a {@link ConfigException} with all of them.
     * A file without {@code class-path} loads its apps from {@code GATEHOUSE_CLASSPATH}, as
     * {@code --class-path} defaults to it.
     */
    static LoadedConfig load(Path file) throws ConfigException {
        LoadedConfig loaded = ConfigFile.load(file, ClassPath.fromEnvironment());
        if (loaded.site() != null) checkMounts(loaded);
        if (!loaded.ok()) throw new ConfigException(loaded.messages());
        return loaded;
    }

    private static void checkMounts(LoadedConfig loaded) {
        ClassLoader parent = SiteCheck.class.getClassLoader();
        ClassLoader loader = parent;
        boolean classPathUsable = true;
        try {
            loader = ClassPath.loader(loaded.site().classPath(), parent);
        } catch (StartupException e) {
            classPathUsable = false; // the file's reader reported the entries that are not there; classes cannot be checked
        }
        try {
            AppResolvers resolvers = AppResolvers.standard(loader);
            for (HostSpec host : loaded.site().hosts()) {
                for (MountSpec mount : host.mounts()) {
                    if (mount.requires() != null && ProgramPath.find(mount.requires()).isEmpty()) continue;
                    if (!classPathUsable && mount.app().scheme().equals(AppSpec.DEFAULT_SCHEME)) continue;
                    try {
                        resolvers.check(mount.app());
                    } catch (StartupException e) {
                        loaded.addProblem(loaded.lineOf(mount), e.getMessage());
                    }
                }
            }
        } finally {
            if (loader != parent && loader instanceof Closeable c) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // a class loader over local files: nothing to lose
                }
            }
        }
    }
}
