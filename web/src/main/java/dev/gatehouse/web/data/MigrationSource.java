package dev.gatehouse.web.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists the {@code .sql} files of a directory or of a class-path folder (in a directory or a jar). */
final class MigrationSource {
    static final int MAX_FILES = 10_000;
    static final int MAX_FILE_BYTES = 1 << 20;

    private MigrationSource() {}

    static List<MigrationFile> directory(Path dir) {
        if (!Files.isDirectory(dir)) throw new DataException("migration directory not found: " + dir.toAbsolutePath(), null, null);
        List<MigrationFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".sql")).toList()) {
                add(files, p.getFileName().toString(), Files.newInputStream(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading migrations from " + dir, e);
        }
        return files;
    }

    static List<MigrationFile> classpath(String prefix, ClassLoader loader) {
        String folder = prefix.replaceAll("^/+|/+$", "");
        List<MigrationFile> files = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            if (!roots.hasMoreElements()) throw new DataException("no migration folder " + folder + " on the class path", null, null);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                switch (root.getProtocol()) {
                    case "file" -> files.addAll(directory(Path.of(root.toURI())));
                    case "jar" -> fromJar(files, (JarURLConnection) root.openConnection(), folder + "/");
                    default -> throw new DataException("cannot list migrations at " + root + " (only directories and jars)", null, null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading migrations from class path " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static void fromJar(List<MigrationFile> files, JarURLConnection connection, String folder) throws IOException {
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry e : jar.stream().toList()) {
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(folder) || !name.endsWith(".sql")) continue;
                String fileName = name.substring(folder.length());
                if (fileName.contains("/")) continue;
                add(files, fileName, jar.getInputStream(e));
            }
        }
    }

    private static void add(List<MigrationFile> files, String fileName, InputStream stream) throws IOException {
        if (files.size() == MAX_FILES) throw new DataException("more than " + MAX_FILES + " migration files", null, null);
        try (InputStream in = stream) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) throw new DataException("migration file " + fileName + " is larger than " + MAX_FILE_BYTES + " bytes", null, null);
            files.add(MigrationFile.of(fileName, new String(bytes, StandardCharsets.UTF_8)));
        }
    }
}
