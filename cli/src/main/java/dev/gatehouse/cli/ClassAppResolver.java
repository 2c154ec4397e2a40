package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.regex.Pattern;

/**
 * The {@code app:} scheme, which bare specs use too: a Java application named the way WSGI
 * servers name {@code module:callable}. {@code com.example.MyApp} is a public class
 * implementing {@link Application} with a public no-argument constructor;
 * {@code com.example.Apps::create} is a public static no-argument method returning one. Either
 * is called once, at start-up. Every way this can fail is reported as one sentence. An app that
 * is {@link AutoCloseable} is closed when the server stops or a reload replaces it.
 */
final class ClassAppResolver implements AppResolver {
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*");
    private static final Pattern METHOD_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");

    private final ClassLoader loader;
    private final java.util.List<AutoCloseable> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    ClassAppResolver(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public String scheme() {
        return "app";
    }

    @Override
    public String syntax() {
        return "app:CLASS or app:CLASS::METHOD (or just CLASS, CLASS::METHOD)";
    }

    /** Finds the class (without initializing it) and the factory method, as resolving would. */
    @Override
    public void check(String target) throws StartupException {
        int sep = target.indexOf("::");
        String className = sep < 0 ? target : target.substring(0, sep);
        Class<?> type = load(className, target, false);
        String problem = "cannot load app '" + target + "': ";
        if (sep < 0 && !Application.class.isAssignableFrom(type)) {
            throw new StartupException(problem + "class " + className + " does not implement " + Application.class.getName());
        }
        if (sep >= 0) {
            String methodName = target.substring(sep + 2);
            try {
                type.getMethod(methodName);
            } catch (NoSuchMethodException | LinkageError e) {
                throw new StartupException(problem + "class " + className + " has no public method " + methodName + "() without parameters");
            }
        }
    }

    @Override
    public Application resolve(String target) throws StartupException {
        int sep = target.indexOf("::");
        Application app = sep < 0 ? construct(target) : callFactory(target.substring(0, sep), target.substring(sep + 2), target);
        if (app instanceof AutoCloseable closeable) opened.add(closeable);
        return app;
    }

    /** The apps built that hold resources (AutoCloseable ones), closed when the site stops or is replaced. */
    @Override
    public java.util.List<AutoCloseable> opened() {
        return java.util.List.copyOf(opened);
    }

    private Application construct(String className) throws StartupException {
        Class<?> type = load(className, className);
        String problem = "cannot load app '" + className + "': ";
        if (!Application.class.isAssignableFrom(type)) {
            throw new StartupException(problem + "class " + className + " does not implement " + Application.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new StartupException(problem + "class " + className + " is abstract; name a concrete class or a factory method (CLASS::METHOD)");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new StartupException(problem + "class " + className + " has no public no-argument constructor; name a factory method instead (CLASS::METHOD)");
        }
        return (Application) invoke(() -> constructor.newInstance(), problem + "its constructor");
    }

    private Application callFactory(String className, String methodName, String spec) throws StartupException {
        String problem = "cannot load app '" + spec + "': ";
        if (!METHOD_NAME.matcher(methodName).matches()) throw new StartupException(problem + "'" + methodName + "' is not a method name");
        Class<?> type = load(className, spec);
        Method factory;
        try {
            factory = type.getMethod(methodName);
        } catch (NoSuchMethodException e) {
            throw new StartupException(problem + "class " + className + " has no public method " + methodName + "() without parameters");
        }
        if (!Modifier.isStatic(factory.getModifiers())) throw new StartupException(problem + "method " + methodName + "() is not static");
        if (!Application.class.isAssignableFrom(factory.getReturnType())) {
            throw new StartupException(problem + "method " + methodName + "() returns " + factory.getReturnType().getName()
                    + ", not " + Application.class.getName());
        }
        Object app = invoke(() -> factory.invoke(null), problem + methodName + "()");
        if (app == null) throw new StartupException(problem + methodName + "() returned null");
        return (Application) app;
    }

    private Class<?> load(String className, String spec) throws StartupException {
        return load(className, spec, true);
    }

    private Class<?> load(String className, String spec, boolean initialize) throws StartupException {
        String problem = "cannot load app '" + spec + "': ";
        if (!CLASS_NAME.matcher(className).matches()) throw new StartupException(problem + "'" + className + "' is not a class name");
        try {
            return Class.forName(className, initialize, loader);
        } catch (ClassNotFoundException e) {
            throw new StartupException(problem + "class " + className + " not found on the class path (add it with --class-path)");
        } catch (ExceptionInInitializerError e) {
            throw new StartupException(problem + "class " + className + " failed to initialize: " + e.getCause());
        } catch (LinkageError e) {
            throw new StartupException(problem + "class " + className + " cannot be linked: " + e);
        }
    }

    @FunctionalInterface
    private interface ReflectiveCall {
        Object call() throws ReflectiveOperationException;
    }

    private static Object invoke(ReflectiveCall call, String what) throws StartupException {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw new StartupException(what + " failed: " + e.getCause());
        } catch (IllegalAccessException e) {
            throw new StartupException(what + " is not accessible; the class and the member must be public");
        } catch (ReflectiveOperationException e) {
            throw new StartupException(what + " failed: " + e);
        }
    }
}
