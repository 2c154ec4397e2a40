package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Write;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FixtureLedgerTest {
    @BeforeEach
    void reset() {
        FixtureLedger.reset();
    }

    @Test
    void countsABodyUntilItIsClosed() throws Exception {
        Body body = FixtureApps.hello().call(validEnviron(), (status, headers, excInfo) -> noWrite());
        assertThat(FixtureLedger.unclosedBodies()).isEqualTo(1);
        while (body.next() != null) { }
        body.close();
        assertThat(FixtureLedger.unclosedBodies()).isZero();
        assertThat(FixtureLedger.violations()).isEmpty();
    }

    @Test
    void recordsAServerBreach() throws Exception {
        Environ environ = validEnviron().put(EnvironKeys.HTTP_PREFIX + "CONTENT_TYPE", "text/plain");
        try {
            FixtureApps.hello().call(environ, (status, headers, excInfo) -> noWrite());
        } catch (RuntimeException expected) {
            // the Validator throws at the first breach
        }
        assertThat(FixtureLedger.serverViolations()).singleElement().asString().contains("HTTP_CONTENT_TYPE");
    }

    private static Write noWrite() {
        return (bytes, offset, length) -> { };
    }

    private static Environ validEnviron() {
        return new Environ()
                .put(EnvironKeys.REQUEST_METHOD, "GET").put(EnvironKeys.SCRIPT_NAME, "").put(EnvironKeys.PATH_INFO, "/")
                .put(EnvironKeys.QUERY_STRING, "").put(EnvironKeys.SERVER_NAME, "localhost").put(EnvironKeys.SERVER_PORT, "80")
                .put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1").put(EnvironKeys.VERSION, "1.0").put(EnvironKeys.URL_SCHEME, "http")
                .put(EnvironKeys.INPUT, new ByteArrayInputStream(new byte[0])).put(EnvironKeys.ERRORS, new PrintStream(System.err))
                .put(EnvironKeys.MULTITHREAD, true).put(EnvironKeys.MULTIPROCESS, false).put(EnvironKeys.RUN_ONCE, false);
    }
}
