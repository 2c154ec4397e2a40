package dev.gatehouse.core;

import dev.gatehouse.api.Environ;
import java.util.Map;

/**
 * Where a gateway protocol's decoder (SCGI, uwsgi) puts the variables it reads: straight into the
 * request's {@link Environ} on a server, or into a map for a client or a test. Decoding into the
 * environ saves building a map only to copy it.
 */
public interface VariableSink {
    /** Adds {@code name = value} and returns null, or returns the value already held for {@code name} and adds nothing. */
    String putIfAbsent(String name, String value);

    /** Replaces the value of a name already held (a repeated request header joined to the earlier value). */
    void replace(String name, String value);

    static VariableSink of(Map<String, String> map) {
        return new VariableSink() {
            @Override
            public String putIfAbsent(String name, String value) {
                return map.putIfAbsent(name, value);
            }

            @Override
            public void replace(String name, String value) {
                map.put(name, value);
            }
        };
    }

    static VariableSink of(Environ environ) {
        return new VariableSink() {
            @Override
            public String putIfAbsent(String name, String value) {
                Object earlier = environ.get(name);
                if (earlier != null) return earlier.toString();
                environ.put(name, value);
                return null;
            }

            @Override
            public void replace(String name, String value) {
                environ.put(name, value);
            }
        };
    }
}
