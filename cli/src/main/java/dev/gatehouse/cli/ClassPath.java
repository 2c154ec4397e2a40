package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ConfigFile;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --class-path} where apps are found: directories and jars separated by
 * {@code File.pathSeparator}, and {@code DIR/*} for every jar in DIR, as {@code java -cp} reads
 * them. {@code java -jar} ignores the usual class path, so this is how apps reach the command.
 */
final class ClassPath {
    private ClassPath() {
    }

    /**
     * The entries of {@code GATEHOUSE_CLASSPATH}, the default class path of {@code --class-path}
     * and of a configuration file without {@code class-path}; empty when it is not set.
     */
    static List<String> fromEnvironment() {
        return entries(System.getenv(ConfigFile.CLASS_PATH_VARIABLE));
    }

    /** {@code text} split at {@code File.pathSeparator}, empty parts left out; empty for null. */
    static List<String> entries(String text) {
        List<String> entries = new ArrayList<>();
        if (text == null) return entries;
        for (String part : text.split(File.pathSeparator)) {
            if (!part.isEmpty()) entries.add(part);
        }
        return entries;
    }

    /** A loader over {@code entries} whose parent is Gatehouse's own; the parent itself when there are none. */
    static ClassLoader loader(List<String> entries, ClassLoader parent) throws StartupException {
        List<URL> urls = new ArrayList<>();
        for (String entry : entries) {
            for (String part : entry.split(File.pathSeparator)) {
                if (!part.isEmpty()) urls.addAll(expand(part));
            }
        }
        return urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    private static List<URL> expand(String part) throws StartupException {
        try {
            if (part.endsWith(File.separator + "*") || part.equals("*")) {
                Path dir = Path.of(part.substring(0, part.length() - 1));
                if (part.equals("*")) dir = Path.of(".");
                List<URL> jars = new ArrayList<>();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    for (Path jar : files) jars.add(jar.toUri().toURL());
                }
                return jars;
            }
            Path path = Path.of(part);
            if (!Files.exists(path)) throw new StartupException("class path entry " + part + " does not exist");
            return List.of(path.toAbsolutePath().toUri().toURL());
        } catch (MalformedURLException e) {
            throw new StartupException("class path entry " + part + " is not a usable path: " + e.getMessage());
        } catch (IOException e) {
            throw new StartupException("cannot read the class path directory of " + part + ": " + e);
        }
    }
}
