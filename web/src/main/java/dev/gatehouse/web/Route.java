package dev.gatehouse.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A URL pattern and what answers it, per request method. */
sealed interface Route permits ClassRoute, LambdaRoute {
    Pattern pattern();

    /** The methods this route answers, for the Allow header (HEAD included when GET is). */
    Set<String> methods();

    /** Runs the handler for {@code method}; a method it lacks is a 405. */
    Object invoke(String method, Request request, List<String> groups) throws Throwable;

    /** The methods of the Allow header: those with a handler, and HEAD when GET has one. */
    static Set<String> allowed(Set<String> withHandler) {
        Set<String> all = new LinkedHashSet<>(withHandler);
        if (all.contains("GET")) all.add("HEAD");
        return all;
    }

    /** The handler of {@code method}: its own, GET's for a HEAD without one, else a 405 with Allow. */
    static <H> H handlerFor(Map<String, H> byMethod, String method) {
        H handler = byMethod.get(method);
        if (handler == null && method.equals("HEAD")) handler = byMethod.get("GET");
        if (handler == null) throw new MethodNotAllowed(method, allowed(byMethod.keySet()));
        return handler;
    }
}
