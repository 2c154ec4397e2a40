package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environ this app was called with, as one JSON object with sorted keys: strings as
 * strings, booleans as booleans, and other objects (the input stream, the error stream, the
 * file wrapper, ...) as the name of their class (of the interface, for a lambda).
 */
public final class EnvironJson implements Application {
    @Override
    public Body call(Environ environ, StartResponse startResponse) {
        StringBuilder json = new StringBuilder(2048).append("{\n");
        String separator = "";
        for (Map.Entry<String, Object> e : new TreeMap<>(environ.asMap()).entrySet()) {
            json.append(separator).append("  ");
            Json.appendString(json, e.getKey()).append(": ");
            appendValue(json, e.getValue());
            separator = ",\n";
        }
        json.append("\n}\n");
        return Responses.send(startResponse, 200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendValue(StringBuilder json, Object value) {
        if (value instanceof Boolean b) json.append(b);
        else if (value instanceof String s) Json.appendString(json, s);
        else Json.appendString(json, typeName(value.getClass()));
    }

    /** A lambda's class name is generated noise; the interface it implements says what it is. */
    private static String typeName(Class<?> type) {
        return type.isHidden() && type.getInterfaces().length > 0 ? type.getInterfaces()[0].getName() : type.getName();
    }
}
