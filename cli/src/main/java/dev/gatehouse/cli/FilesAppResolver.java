package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.middleware.files.StaticFiles;
import dev.gatehouse.middleware.files.StaticFilesConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code files:} scheme: static files under a directory, as {@code files:DIR} with optional
 * {@code ?index=a.html,b.html&listing=on&symlinks=refuse|within-root|any&cache=VALUE}
 * (VALUE percent-encoded, e.g. {@code max-age%3D3600}), each option at most once.
 */
final class FilesAppResolver implements AppResolver {
    static final String SCHEME = "files";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String syntax() {
        return "files:DIR (?index=FILES&listing=on&symlinks=refuse|within-root|any&cache=VALUE)";
    }

    @Override
    public void check(String target) throws StartupException {
        int q = target.indexOf('?');
        String dir = q < 0 ? target : target.substring(0, q);
        resolve(target); // builds nothing but a config and a root check: cheap and side-effect free
        if (!java.nio.file.Files.isDirectory(Path.of(dir))) throw new StartupException("cannot mount files:" + target + ": " + dir + " is not a directory");
    }

    @Override
    public Application resolve(String target) throws StartupException {
        int q = target.indexOf('?');
        String dir = q < 0 ? target : target.substring(0, q);
        if (dir.isEmpty()) throw new StartupException("cannot mount files:" + target + ": a directory is needed, as files:/srv/www");
        try {
            StaticFilesConfig config = q < 0 ? StaticFilesConfig.defaults() : options(target.substring(q + 1));
            return StaticFiles.of(Path.of(dir), config);
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot mount files:" + target + ": " + e.getMessage());
        }
    }

    private static StaticFilesConfig options(String query) {
        StaticFilesConfig config = StaticFilesConfig.defaults();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String option : query.split("&", -1)) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : PathCodec.decode(option.substring(eq + 1));
            if (value == null) throw new IllegalArgumentException("the value of " + name + " is not valid percent-encoding");
            if (!seen.add(name)) throw new IllegalArgumentException("option " + name + " given twice");
            config = switch (name) {
                case "index" -> config.withIndexFiles(value.isEmpty() ? new String[0] : value.split(","));
                case "listing" -> config.withListDirectories(onOff(name, value));
                case "symlinks" -> config.withSymlinks(symlinks(value));
                case "cache" -> config.withCacheControl(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'; the options are index, listing, symlinks and cache");
            };
        }
        return config;
    }

    private static boolean onOff(String name, String value) {
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, not '" + value + "'");
        };
    }

    private static StaticFilesConfig.Symlinks symlinks(String value) {
        try {
            return StaticFilesConfig.Symlinks.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("symlinks must be refuse, within-root or any, not '" + value + "'");
        }
    }
}
