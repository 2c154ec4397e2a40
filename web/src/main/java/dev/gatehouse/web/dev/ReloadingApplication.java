package dev.gatehouse.web.dev;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development mode's class reloading: loads an application from a directory of compiled classes
 * through a fresh class loader, and loads it again when a .class file under the directory
 * changes. Changes are looked for on a request, at most once per {@code checkInterval} (one
 * second by default), so no thread is started. The developer recompiles (in the IDE or with
 * {@code mvn compile}) and reloads the page.
 *
 * <p>The app is named as on the command line: a class implementing {@link Application} with a
 * public no-argument constructor, or {@code Class::method} for a public static method returning
 * one. The directory must not also be on the class path, or the parent loader would keep
 * answering with the old classes. Requests in flight finish on the old app. Not for production:
 * every reload leaves the old classes to the garbage collector.
 */
public final class ReloadingApplication implements Application {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingApplication.class);

    private final Path classDir;
    private final String appName;
    private final ClassLoader parent;
    private final long checkIntervalNanos;
    private final ClassDirectoryWatcher watcher;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Application current;
    private volatile long lastCheck;
    private volatile int generation;
    private boolean lastLoadFailed;

    public ReloadingApplication(Path classDir, String appName) {
        this(classDir, appName, ReloadingApplication.class.getClassLoader(), Duration.ofSeconds(1));
    }

    public ReloadingApplication(Path classDir, String appName, ClassLoader parent, Duration checkInterval) {
        this.classDir = classDir.toAbsolutePath();
        this.appName = appName;
        this.parent = parent;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.watcher = new ClassDirectoryWatcher(this.classDir);
        this.current = load();
        this.lastCheck = System.nanoTime();
    }

    /** How many times the app was loaded (1 after construction). */
    public int generation() {
        return generation;
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        reloadIfChanged();
        return current.call(environ, startResponse);
    }

    private void reloadIfChanged() {
        if (System.nanoTime() - lastCheck < checkIntervalNanos || !lock.tryLock()) return;
        try {
            lastCheck = System.nanoTime();
            if (watcher.changed() || lastLoadFailed) {
                LOG.info("classes under {} changed: reloading {}", classDir, appName);
                lastLoadFailed = true; // until the new app is in place: a half-written class is retried next time
                current = load();
                lastLoadFailed = false;
            }
        } finally {
            lock.unlock();
        }
    }

    private Application load() {
        generation++;
        URLClassLoader loader = new URLClassLoader("reload-" + generation, new URL[] {url()}, parent);
        int sep = appName.indexOf("::");
        String className = sep < 0 ? appName : appName.substring(0, sep);
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (sep >= 0) {
                Method factory = type.getMethod(appName.substring(sep + 2));
                if (!Modifier.isStatic(factory.getModifiers()) || !Application.class.isAssignableFrom(factory.getReturnType())) {
                    throw new IllegalArgumentException(appName + " must be a public static method returning an Application");
                }
                return (Application) factory.invoke(null);
            }
            if (!Application.class.isAssignableFrom(type)) throw new IllegalArgumentException(className + " does not implement Application");
            Constructor<?> constructor = type.getConstructor();
            return (Application) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + appName + " from " + classDir + ": " + e, e);
        }
    }

    private URL url() {
        try {
            return classDir.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("class directory " + classDir, e);
        }
    }
}
