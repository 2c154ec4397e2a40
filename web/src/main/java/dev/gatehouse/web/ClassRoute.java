package dev.gatehouse.web;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A web.py-style handler class: public methods named after HTTP methods, taking an optional
 * {@link Request} and then one String per regex group. Everything reflective is resolved here,
 * once, into method handles; a method whose parameters do not fit the pattern is an error now,
 * not at the first request.
 */
final class ClassRoute implements Route {
    static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** One resolved method: a handle taking {@code Object[]} (receiver if any, request if wanted, groups). */
    private record Invoker(MethodHandle spread, boolean needsReceiver, boolean takesRequest, int arity) {}

    private final Pattern pattern;
    private final Class<?> type;
    private final Object shared;
    private final MethodHandle factory;
    private final boolean factoryTakesRequest;
    private final Map<String, Invoker> invokers = new LinkedHashMap<>();

    /** @param shared the one instance serving every request, or null for one instance per request */
    ClassRoute(Pattern pattern, Class<?> type, Object shared) {
        this.pattern = pattern;
        this.type = type;
        this.shared = shared;
        if (!Modifier.isPublic(type.getModifiers())) throw new IllegalArgumentException("handler class " + type.getName() + " must be public");
        int groups = pattern.matcher("").groupCount();
        boolean anyInstanceMethod = false;
        for (String name : HTTP_METHODS) {
            Method m = pick(name, groups);
            if (m == null) continue;
            Invoker inv = resolve(m);
            invokers.put(name, inv);
            anyInstanceMethod |= inv.needsReceiver();
        }
        if (invokers.isEmpty()) {
            throw new IllegalArgumentException("handler class " + type.getName() + " has no public GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS method");
        }
        MethodHandle f = null;
        boolean withRequest = false;
        if (shared == null && anyInstanceMethod) {
            f = constructor(Request.class);
            withRequest = f != null;
            if (f == null) f = constructor();
            if (f == null) {
                throw new IllegalArgumentException("handler class " + type.getName()
                        + " needs a public no-argument constructor or one taking a Request (or register an instance)");
            }
        }
        this.factory = f;
        this.factoryTakesRequest = withRequest;
    }

    @Override
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public Set<String> methods() {
        return Route.allowed(invokers.keySet());
    }

    @Override
    public Object invoke(String method, Request request, List<String> groups) throws Throwable {
        Invoker inv = Route.handlerFor(invokers, method);
        Object[] args = new Object[inv.arity()];
        int i = 0;
        if (inv.needsReceiver()) args[i++] = shared != null ? shared : newInstance(request);
        if (inv.takesRequest()) args[i++] = request;
        for (String g : groups) args[i++] = g;
        return (Object) inv.spread().invokeExact(args);
    }

    private Object newInstance(Request request) throws Throwable {
        return factoryTakesRequest ? factory.invoke(request) : factory.invoke();
    }

    /** The one public method called {@code name} whose parameters fit {@code groups} groups; null if none is named so. */
    private Method pick(String name, int groups) {
        List<Method> named = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getDeclaringClass() != Object.class) named.add(m);
        }
        if (named.isEmpty()) return null;
        List<Method> fitting = named.stream().filter(m -> fits(m, groups)).toList();
        if (fitting.size() == 1) return fitting.getFirst();
        if (fitting.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + "." + name + " must take " + groups + " String argument(s), "
                    + "optionally after a Request, to match the " + groups + " group(s) of pattern '" + pattern.pattern()
                    + "'; it takes " + parameterList(named.getFirst()));
        }
        throw new IllegalArgumentException(type.getName() + "." + name + " is overloaded ambiguously for pattern '" + pattern.pattern() + "'");
    }

    private static boolean fits(Method m, int groups) {
        Class<?>[] p = m.getParameterTypes();
        int first = p.length > 0 && p[0] == Request.class ? 1 : 0;
        if (p.length - first != groups) return false;
        for (int i = first; i < p.length; i++) {
            if (p[i] != String.class) return false;
        }
        return true;
    }

    private Invoker resolve(Method m) {
        boolean isStatic = Modifier.isStatic(m.getModifiers());
        if (!isStatic && shared != null && !type.isInstance(shared)) throw new IllegalArgumentException("instance is not a " + type.getName());
        try {
            MethodHandle h = MethodHandles.publicLookup().unreflect(m);
            int arity = h.type().parameterCount();
            MethodHandle spread = h.asType(MethodType.genericMethodType(arity)).asSpreader(Object[].class, arity);
            boolean takesRequest = m.getParameterCount() > 0 && m.getParameterTypes()[0] == Request.class;
            return new Invoker(spread, !isStatic, takesRequest, arity);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("handler method " + type.getName() + "." + m.getName() + " is not accessible: " + e.getMessage(), e);
        }
    }

    private MethodHandle constructor(Class<?>... params) {
        try {
            return MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class, params));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private static String parameterList(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) sb.append(sb.length() > 1 ? ", " : "").append(p.getSimpleName());
        return sb.append(')').toString();
    }
}
