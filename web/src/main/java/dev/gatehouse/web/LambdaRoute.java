package dev.gatehouse.web;

import java.util.LinkedHashMap;
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
        return Route.allowed(handlers.keySet());
    }

    @Override
    public Object invoke(String method, Request request, List<String> groups) throws Exception {
        return Route.handlerFor(handlers, method).handle(request);
    }
}
