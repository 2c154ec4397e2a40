package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathTest {
    private final ClassLoader parent = getClass().getClassLoader();

    private static void jarWith(Path jar, String resource) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry(resource));
            out.write(resource.getBytes());
        }
    }

    @Test
    void usesGatehousesOwnLoaderWhenNothingIsAdded() throws Exception {
        assertThat(ClassPath.loader(List.of(), parent)).isSameAs(parent);
    }

    @Test
    void findsClassesInDirectoriesAndJars(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Files.writeString(classes.resolve("in-dir.txt"), "x");
        jarWith(dir.resolve("one.jar"), "in-jar.txt");
        ClassLoader loader = ClassPath.loader(List.of(classes + File.pathSeparator + dir.resolve("one.jar")), parent);
        assertThat(loader.getResource("in-dir.txt")).isNotNull();
        assertThat(loader.getResource("in-jar.txt")).isNotNull();
        assertThat(loader.loadClass(Gatehouse.class.getName())).isSameAs(Gatehouse.class);
    }

    @Test
    void aStarTakesEveryJarOfADirectory(@TempDir Path dir) throws Exception {
        jarWith(dir.resolve("a.jar"), "a.txt");
        jarWith(dir.resolve("b.jar"), "b.txt");
        ClassLoader loader = ClassPath.loader(List.of(dir + File.separator + "*"), parent);
        assertThat(loader.getResource("a.txt")).isNotNull();
        assertThat(loader.getResource("b.txt")).isNotNull();
    }

    @Test
    void refusesAMissingEntry(@TempDir Path dir) {
        assertThatThrownBy(() -> ClassPath.loader(List.of(dir.resolve("nope.jar").toString()), parent))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("nope.jar does not exist");
    }
}
