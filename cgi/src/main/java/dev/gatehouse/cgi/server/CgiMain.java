package dev.gatehouse.cgi.server;

import dev.gatehouse.api.Application;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lean entry of a CGI script: {@code java -cp gatehouse.jar[:app.jar] dev.gatehouse.cgi.server.CgiMain
 * [--app SPEC] [--class-path PATH]}. It does what {@code gatehouse cgi} does for apps named by class,
 * without the command-line framework, the other subcommands or the backend resolvers, because a CGI
 * script pays for every class it loads on every request.
 *
 * <p>SPEC is {@code com.example.MyApp} (a public class implementing {@link Application} with a public
 * no-argument constructor) or {@code com.example.Apps::create} (a public static no-argument method
 * returning one), with or without {@code app:} in front, as for {@code gatehouse serve}. Without
 * {@code --app} it serves the demo site ({@code dev.gatehouse.examples.DemoSite::create}).
 * {@code --class-path} adds directories and jars ({@code File.pathSeparator}-separated, repeatable);
 * classes loaded from there are not in an AOT cache, so for the fastest start put them on {@code -cp}.
 */
public final class CgiMain {
    static final String DEMO = "dev.gatehouse.examples.DemoSite::create";

    private CgiMain() {
    }

    public static void main(String[] args) {
        System.exit(CgiServer.runProcess(() -> load(args)));
    }

    /** The app the arguments name. */
    static Application load(String[] args) {
        String spec = null;
        List<String> classPath = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!name.equals("--app") && !name.equals("--class-path")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "' (usage: CgiMain [--app SPEC] [--class-path PATH])");
            }
            if (eq > 0 && arg.startsWith("--")) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (name.equals("--app")) spec = value;
            else classPath.add(value);
        }
        ClassLoader loader = loader(classPath, CgiMain.class.getClassLoader());
        return resolve(spec == null ? DEMO : spec, loader);
    }

    /** Builds the app {@code spec} names: CLASS or CLASS::METHOD, optionally after {@code app:}. */
    static Application resolve(String spec, ClassLoader loader) {
        String target = spec.startsWith("app:") ? spec.substring(4) : spec;
        String problem = "cannot load app '" + spec + "': ";
        int sep = target.indexOf("::");
        String className = sep < 0 ? target : target.substring(0, sep);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(problem + "class " + className + " not found on the class path");
        } catch (LinkageError e) {
            throw new IllegalArgumentException(problem + "class " + className + " cannot be loaded: " + e);
        }
        try {
            Object app;
            if (sep < 0) {
                if (!Application.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException(problem + "class " + className + " does not implement " + Application.class.getName());
                }
                app = type.getConstructor().newInstance();
            } else {
                Method factory = type.getMethod(target.substring(sep + 2));
                if (!Modifier.isStatic(factory.getModifiers()) || !Application.class.isAssignableFrom(factory.getReturnType())) {
                    throw new IllegalArgumentException(problem + "method " + factory.getName() + "() is not static or does not return an Application");
                }
                app = factory.invoke(null);
            }
            if (app == null) throw new IllegalArgumentException(problem + "the factory returned null");
            return (Application) app;
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(problem + "it failed: " + e.getCause(), e.getCause());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(problem + (sep < 0 ? "no public no-argument constructor" : "no public method without parameters of that name"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(problem + e);
        }
    }

    private static ClassLoader loader(List<String> entries, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (String entry : entries) {
            for (String part : entry.split(File.pathSeparator)) {
                if (part.isEmpty()) continue;
                Path path = Path.of(part);
                if (!Files.exists(path)) throw new IllegalArgumentException("class path entry " + part + " does not exist");
                try {
                    urls.add(path.toAbsolutePath().toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("class path entry " + part + " is not a usable path");
                }
            }
        }
        return urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
    }
}
