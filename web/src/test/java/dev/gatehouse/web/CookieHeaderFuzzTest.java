package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.testkit.EscapedBytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the request's {@code Cookie} header: the input, read as ISO-8859-1 the way
 * header values reach the environ, goes through {@link CookieParser#parse} twice: as it is, and
 * rebuilt into the well-formed header a browser sends (RFC 6265 section 4.2.1: token names,
 * cookie-octet values, optionally quoted, joined by {@code "; "}).
 *
 * <p>Nothing may throw. From any header: names are non-empty tokens, no more cookies than the
 * header has {@code =} signs, no value with a {@code ;}, and every unquoted value {@link Cookie}
 * could have set comes back the same when sent again (a quoted one comes back unquoted). From a well-formed header: exactly
 * its cookies, unquoted, the first of a repeated name winning, in order. Work per input is
 * bounded by its length.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/web/CookieHeaderFuzzTestInputs/parsesCookies/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code web/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl web test -Dtest=CookieHeaderFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl web test -Dtest=CookieHeaderFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class CookieHeaderFuzzTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "CookieHeaderFuzzTest.dict")
    void parsesCookies(byte[] input) {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the cookie parser hangs on this input");
    }

    private static void check(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        checkAnyHeader(header);
        checkWellFormed(header);
    }

    private static void checkAnyHeader(String header) {
        Map<String, String> cookies = CookieParser.parse(header);
        if (cookies.size() > header.chars().filter(c -> c == '=').count()) throw new AssertionError("more cookies than '=' in " + quote(header));
        StringBuilder again = new StringBuilder();
        Map<String, String> settable = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : cookies.entrySet()) {
            if (c.getKey().isEmpty() || !c.getKey().chars().allMatch(Cookie::isTokenChar)) throw new AssertionError("cookie name " + quote(c.getKey()));
            if (c.getValue().indexOf(';') >= 0) throw new AssertionError("a ';' in the value of " + c.getKey() + " from " + quote(header));
            if (!isSettable(c.getKey(), c.getValue())) continue;
            settable.put(c.getKey(), c.getValue());
            again.append(again.isEmpty() ? "" : "; ").append(c.getKey()).append('=').append(c.getValue());
        }
        Map<String, String> back = CookieParser.parse(again.toString());
        for (Map.Entry<String, String> c : settable.entrySet()) {
            if (!c.getValue().equals(back.get(c.getKey())) && !isQuoted(c.getValue())) {
                throw new AssertionError("cookie " + c.getKey() + "=" + quote(c.getValue()) + " from " + quote(header) + " comes back as " + back.get(c.getKey()));
            }
        }
    }

    /**
     * Rebuilds {@code header} into a well-formed one: each {@code ;}-separated part gives a name
     * (its token characters before the first {@code =}) and a value (its cookie-octets after it),
     * quoted when the part's value started with a quote.
     */
    private static void checkWellFormed(String header) {
        StringBuilder sent = new StringBuilder();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String part : header.split(";", -1)) {
            int eq = part.indexOf('=');
            StringBuilder name = new StringBuilder();
            (eq < 0 ? part : part.substring(0, eq)).chars().filter(Cookie::isTokenChar).forEach(c -> name.append((char) c));
            StringBuilder value = new StringBuilder();
            if (eq >= 0) part.substring(eq + 1).chars().filter(CookieHeaderFuzzTest::isCookieOctet).forEach(c -> value.append((char) c));
            if (name.isEmpty()) continue;
            boolean quoted = eq >= 0 && part.startsWith("\"", eq + 1);
            expected.putIfAbsent(name.toString(), value.toString());
            sent.append(sent.isEmpty() ? "" : "; ").append(name).append('=').append(quoted ? "\"" + value + "\"" : value);
        }
        Map<String, String> got = CookieParser.parse(sent.toString());
        if (!List.copyOf(got.entrySet()).equals(List.copyOf(expected.entrySet()))) {
            throw new AssertionError("well-formed " + quote(sent.toString()) + " parsed as " + got + ", expected " + expected);
        }
    }

    private static boolean isSettable(String name, String value) {
        try {
            Cookie.of(name, value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isQuoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
    }

    /** RFC 6265 section 4.1.1: US-ASCII visible characters but DQUOTE, comma, semicolon and backslash. */
    private static boolean isCookieOctet(int c) {
        return c > 0x20 && c < 0x7F && c != '"' && c != ',' && c != ';' && c != '\\';
    }

    private static String quote(String s) {
        return "\"" + EscapedBytes.abbreviate(s.getBytes(StandardCharsets.ISO_8859_1), 200) + "\"";
    }
}
