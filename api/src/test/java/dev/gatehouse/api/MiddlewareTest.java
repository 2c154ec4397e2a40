package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiddlewareTest {
    @Test
    void andThenPutsTheFirstMiddlewareOutside() throws Exception {
        List<String> order = new ArrayList<>();
        Application app = (env, start) -> {
            order.add("app");
            return Body.empty();
        };

        Middleware outer = tracing("outer", order);
        Middleware inner = tracing("inner", order);
        outer.andThen(inner).wrap(app).call(new Environ(), (s, h, e) -> null);

        assertThat(order).containsExactly("outer", "inner", "app");
    }

    private static Middleware tracing(String name, List<String> order) {
        return next -> (env, start) -> {
            order.add(name);
            return next.call(env, start);
        };
    }
}
