package dev.gatehouse.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One pattern of the lambda style, with a {@link Handler} per method ({@code get}, {@code post}...). */
final class LambdaRoute implements Route {
    private final Pattern pattern;
    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    LambdaRoute(Pattern pattern) {
        this.pattern = pattern;
    }

    void add(String method, Handler handler) {
        if (handlers.putIfAbsent(method, handler) != null) {
            throw new IllegalArgumentException(method + " " + pattern.pattern() + " has a handler already");
        }
    }

    @Override
    public Pattern pattern() {
        return pattern;
    }

    @Override
    public Set<String> methods() {
        Set<String> all = new LinkedHashSet<>(handlers.keySet());
        if (all.contains("GET")) all.add("HEAD");
        return all;
    }

    @Override
    public Object invoke(String method, Request request, List<String> groups) throws Exception {
        Handler h = handlers.get(method);
        if (h == null && method.equals("HEAD")) h = handlers.get("GET");
        if (h == null) throw new MethodNotAllowed(method, methods());
        return h.handle(request);
    }
}
