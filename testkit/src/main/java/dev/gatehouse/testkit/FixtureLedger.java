package dev.gatehouse.testkit;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.core.ContractViolationException;
import dev.gatehouse.core.Validator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happened to the fixture apps of this JVM, for checks after a test: the contract breaches
 * their Validators saw, and how many of their bodies the server has not closed. The interface
 * says a body is closed on every path and the Validator cannot see a close that never comes, so
 * the fixtures count their own. Static state: {@link #reset()} it before each test, and run tests
 * that use it one at a time (JUnit's default).
 */
public final class FixtureLedger {
    private FixtureLedger() {
    }

    private static final List<Validator> validators = new CopyOnWriteArrayList<>();
    private static final AtomicInteger unclosedBodies = new AtomicInteger();

    public static void reset() {
        validators.clear();
        unclosedBodies.set(0);
    }

    /** Every breach seen since the last reset; messages start with {@code "server: "} or {@code "application: "}. */
    public static List<String> violations() {
        return validators.stream().flatMap(v -> v.violations().stream()).map(ContractViolationException::getMessage).toList();
    }

    /** The breaches the server side committed (fixtures break the application side on purpose). */
    public static List<String> serverViolations() {
        return violations().stream().filter(m -> m.startsWith("server:")).toList();
    }

    /** Bodies returned by fixture apps and not closed yet (file bodies go out unwrapped and are not counted). */
    public static int unclosedBodies() {
        return unclosedBodies.get();
    }

    /** {@code app} inside a Validator, its bodies counted until closed. */
    static Application validatedAndCounted(Application app) {
        Validator validator = new Validator();
        validators.add(validator);
        return validator.wrap((environ, start) -> counted(app.call(environ, start)));
    }

    private static Body counted(Body body) {
        if (body == null || body instanceof FileBody) return body; // a wrapper would hide the file from zero-copy
        unclosedBodies.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return new Body() {
            @Override
            public byte[] next() throws IOException {
                return body.next();
            }

            @Override
            public void close() throws IOException {
                if (closed.compareAndSet(false, true)) unclosedBodies.decrementAndGet();
                body.close();
            }
        };
    }
}
