package dev.gatehouse.cgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.testkit.FixtureApps;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * The name of the testkit fixture an application instance was made by, so a CGI process can build
 * the same fixture: {@code dev.gatehouse.testkit.FixtureApps::hello}. The conformance suite hands
 * its harness instances, and a CGI script runs in a process of its own.
 *
 * <p>Each fixture is a lambda of its own factory method, wrapped in a Validator and a ledger counter
 * (both lambdas that capture the app they wrap). Following the captured {@link Application} fields
 * inward reaches the fixture's own lambda, whose class is the same for every call of its factory; the
 * index maps those classes to factory names by calling every public static no-argument factory of
 * {@link FixtureApps} once.
 */
final class FixtureNames {
    private static final Map<Class<?>, String> FACTORY_BY_CLASS = index();

    private FixtureNames() {
    }

    /** The app spec that builds {@code app} again, in another process. */
    static String specOf(Application app) {
        String factory = FACTORY_BY_CLASS.get(innermost(app).getClass());
        if (factory == null) {
            throw new IllegalArgumentException(app + " was not made by a public static no-argument factory of " + FixtureApps.class.getName()
                    + ", so a CGI process cannot make it");
        }
        return FixtureApps.class.getName() + "::" + factory;
    }

    private static Map<Class<?>, String> index() {
        Map<Class<?>, String> index = new HashMap<>();
        for (Method m : FixtureApps.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getReturnType() != Application.class) continue;
            try {
                String previous = index.put(innermost((Application) m.invoke(null)).getClass(), m.getName());
                if (previous != null) throw new IllegalStateException("fixtures " + previous + " and " + m.getName() + " cannot be told apart");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make fixture " + m.getName(), e);
            }
        }
        return index;
    }

    /** The app inside the wrappers: the last object reached through captured Application fields. */
    private static Object innermost(Object app) {
        Object current = app;
        for (int depth = 0; depth < 16; depth++) {
            Object inner = null;
            for (Field f : current.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !Application.class.isAssignableFrom(f.getType())) continue;
                try {
                    f.setAccessible(true);
                    inner = f.get(current);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot look inside " + current.getClass(), e);
                }
                break;
            }
            if (inner == null) return current;
            current = inner;
        }
        return current;
    }
}
