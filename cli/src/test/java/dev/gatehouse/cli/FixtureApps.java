package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.testkit.EnvironLines;

/** Apps named by spec in the tests, one per way loading can succeed or fail. */
public final class FixtureApps {
    private FixtureApps() {
    }

    /** Answers its name and where it is mounted: {@code greeting /mount|/rest}. */
    public static final class Greeting implements Application {
        @Override
        public Body call(Environ environ, StartResponse startResponse) {
            startResponse.start(200);
            return Body.of("greeting " + environ.scriptName() + "|" + environ.pathInfo());
        }
    }

    /** Answers the environ it saw ({@link EnvironLines}), then {@code body=} and the request body. */
    public static final class EnvironDump implements Application {
        @Override
        public Body call(Environ environ, StartResponse startResponse) throws java.io.IOException {
            byte[] body = environ.input().readAllBytes();
            startResponse.start(200, dev.gatehouse.api.Header.of("Content-Type", "text/plain; charset=iso-8859-1"));
            byte[] lines = EnvironLines.format(environ);
            byte[] tail = ("body=" + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            return Body.of(lines, tail);
        }
    }

    public static int factoryCalls;

    public static Application create() {
        factoryCalls++;
        return (environ, startResponse) -> {
            startResponse.start(200);
            return Body.of("made by a factory");
        };
    }

    public static final class NotAnApp {
    }

    public abstract static class AbstractApp implements Application {
    }

    public static final class NeedsArgument implements Application {
        public NeedsArgument(String config) {
        }

        @Override
        public Body call(Environ environ, StartResponse startResponse) {
            return Body.empty();
        }
    }

    public static final class FailingConstructor implements Application {
        public FailingConstructor() {
            throw new IllegalStateException("config file missing");
        }

        @Override
        public Body call(Environ environ, StartResponse startResponse) {
            return Body.empty();
        }
    }

    public Application instanceFactory() {
        return new Greeting();
    }

    public static String wrongReturnType() {
        return "not an app";
    }

    public static Application failingFactory() {
        throw new IllegalStateException("database unreachable");
    }

    public static Application nullFactory() {
        return null;
    }

    public static Application needsArgument(String config) {
        return new Greeting();
    }
}
