package dev.gatehouse.middleware;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.testkit.EscapedBytes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fuzz target for the parsers behind {@link TrustedProxies}: the input, read as ISO-8859-1 the way
 * header values reach the environ, goes through {@link IpAddresses}, {@link CidrBlock},
 * {@link ForwardedNode}, {@link TrustedProxies#parseForwarded}, {@link TrustedProxies#splitHost}
 * and the whole middleware, as every forwarding header of a trusted and of an untrusted peer.
 *
 * <p>The only allowed exception is the {@link IllegalArgumentException} of {@link CidrBlock#parse}
 * (a configuration error). Addresses are cross-checked both ways: a literal {@link IpAddresses}
 * accepts is one the JDK's {@code InetAddress.ofLiteral} accepts with the same bytes, and an IPv4
 * text accepts exactly when it matches the strict dotted-decimal grammar. A parsed block contains
 * its own address; a parsed node's bytes are its address's; a parsed {@code Forwarded} survives
 * re-serialisation; a parsed host is the text it came from. After the middleware ran, REMOTE_ADDR
 * is the peer or an address literal taken from the headers, ports are 0..65535, the scheme http or
 * https, and SCRIPT_NAME carries no control character; an untrusted peer's forwarding headers are
 * gone. Work per input is bounded by its length.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/middleware/TrustedProxiesFuzzTestInputs/parsesForwardingHeaders/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code middleware/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl middleware test -Dtest=TrustedProxiesFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl middleware test -Dtest=TrustedProxiesFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class TrustedProxiesFuzzTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern LOWER_TOKEN = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final String PEER = "10.0.0.1";
    private static final List<String> TRUSTED = List.of("10.0.0.0/8", "2001:db8::/32");
    private static final List<String> FORWARDING_KEYS = List.of("HTTP_FORWARDED", "HTTP_X_FORWARDED_FOR",
            "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PREFIX", "HTTP_X_FORWARDED_PORT", "HTTP_X_REAL_IP");
    private static final List<TrustedProxies> MIDDLEWARES = List.of(
            new TrustedProxies(TrustedProxiesConfig.defaults().withTrusted(TRUSTED)),
            new TrustedProxies(new TrustedProxiesConfig(TRUSTED, TrustedProxiesConfig.Source.FORWARDED, true, true, true, true)),
            new TrustedProxies(new TrustedProxiesConfig(TRUSTED, TrustedProxiesConfig.Source.X_FORWARDED, false, true, true, true)));
    /** {@code InetAddress.ofLiteral} (JDK 22; null before): the sources are at level 21, the tests usually run on a newer JDK. */
    private static final MethodHandle OF_LITERAL = ofLiteral();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "TrustedProxiesFuzzTest.dict")
    void parsesForwardingHeaders(byte[] input) {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the forwarding header parsers hang on this input");
    }

    private static void check(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        checkAddress(s);
        checkBlock(s);
        checkNode(s, true);
        checkNode(s, false);
        checkForwarded(s);
        checkHost(s);
        for (TrustedProxies middleware : MIDDLEWARES) {
            checkApplied(middleware, s);
            checkUntrusted(middleware, s);
        }
    }

    private static void checkAddress(String s) {
        byte[] bytes = IpAddresses.parse(s);
        if (s.indexOf(':') < 0 && (bytes != null) != IPV4.matcher(s).matches()) {
            throw new AssertionError("IPv4 " + quote(s) + (bytes == null ? " refused" : " accepted") + " against the dotted-decimal grammar");
        }
        if (bytes == null) return;
        if (bytes.length != 4 && bytes.length != 16) throw new AssertionError(bytes.length + " address bytes from " + quote(s));
        if (OF_LITERAL == null) return; // a JDK 21 runs the tests: no reference reading to compare with
        byte[] jdk = jdkLiteral(s.indexOf('%') >= 0 ? s.substring(0, s.indexOf('%')) : s);
        if (!Arrays.equals(bytes, jdk)) {
            throw new AssertionError(quote(s) + " is " + Arrays.toString(bytes) + ", but the JDK reads " + Arrays.toString(jdk));
        }
    }

    private static void checkBlock(String s) {
        CidrBlock block;
        try {
            block = CidrBlock.parse(s);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || !e.getMessage().contains(s)) throw new AssertionError("the error does not name the entry", e);
            return;
        }
        int slash = s.indexOf('/');
        byte[] address = IpAddresses.parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null || !block.contains(address)) throw new AssertionError("block " + quote(s) + " does not contain its own address");
        if (!block.toString().equals(s)) throw new AssertionError("block " + quote(s) + " prints as " + block);
    }

    private static void checkNode(String s, boolean bareIpv6) {
        ForwardedNode node = ForwardedNode.parse(s, bareIpv6);
        if (!node.isAddress()) {
            if (node.bytes() != null || node.port() != null) throw new AssertionError("a node that is no address has parts: " + node);
            return;
        }
        if (node.address().indexOf('%') >= 0 || !Arrays.equals(node.bytes(), IpAddresses.parse(node.address()))) {
            throw new AssertionError("node " + quote(s) + " has bytes that are not its address's: " + node.address());
        }
        if (!bareIpv6 && node.address().indexOf(':') >= 0 && !s.startsWith("[")) throw new AssertionError("unbracketed IPv6 node " + quote(s));
        checkPort(node.port(), s);
    }

    private static void checkForwarded(String s) {
        List<Map<String, String>> elements = TrustedProxies.parseForwarded(s);
        if (elements == null) return;
        List<String> serialised = new ArrayList<>();
        for (Map<String, String> element : elements) {
            List<String> pairs = new ArrayList<>();
            for (Map.Entry<String, String> p : element.entrySet()) {
                if (!LOWER_TOKEN.matcher(p.getKey()).matches()) throw new AssertionError("parameter name " + quote(p.getKey()) + " from " + quote(s));
                if (p.getValue().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F)) {
                    throw new AssertionError("a control character in parameter " + p.getKey() + " from " + quote(s));
                }
                pairs.add(p.getKey() + "=\"" + p.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            serialised.add(pairs.isEmpty() ? ";" : String.join(";", pairs));
        }
        String again = String.join(",", serialised);
        if (!elements.equals(TrustedProxies.parseForwarded(again))) {
            throw new AssertionError("Forwarded " + quote(s) + " does not survive re-serialisation as " + quote(again));
        }
    }

    private static void checkHost(String s) {
        String[] nameAndPort = TrustedProxies.splitHost(s);
        if (nameAndPort == null) return;
        if (nameAndPort[0].isEmpty() || !(nameAndPort[0] + (nameAndPort[1] == null ? "" : ":" + nameAndPort[1])).equals(s)) {
            throw new AssertionError("host " + quote(s) + " split as " + Arrays.toString(nameAndPort));
        }
        checkPort(nameAndPort[1], s);
    }

    private static void checkApplied(TrustedProxies middleware, String s) {
        Environ env = withForwardingHeaders(PEER, s);
        middleware.apply(env);
        String client = env.getString(EnvironKeys.REMOTE_ADDR);
        if (!client.equals(PEER) && (IpAddresses.parse(client) == null || !namedIn(s, client))) {
            throw new AssertionError("REMOTE_ADDR " + quote(client) + " is neither the peer nor an address from " + quote(s));
        }
        checkPort(env.getString(EnvironKeys.REMOTE_PORT), s);
        checkPort(env.getString(EnvironKeys.SERVER_PORT), s);
        if (env.getString(EnvironKeys.SERVER_PORT) == null) throw new AssertionError("SERVER_PORT removed by " + quote(s));
        String scheme = env.urlScheme();
        if (!scheme.equals("http") && !scheme.equals("https")) throw new AssertionError("scheme " + quote(scheme) + " from " + quote(s));
        if (scheme.equals("https") != "on".equals(env.getString("HTTPS"))) throw new AssertionError("HTTPS does not match the scheme " + scheme);
        if (env.scriptName().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) throw new AssertionError("a control character in SCRIPT_NAME from " + quote(s));
        if (env.scriptName().endsWith("/")) throw new AssertionError("SCRIPT_NAME ends with '/' from " + quote(s));
    }

    /** True if {@code address} is written in {@code header}, as it is or in a quoted Forwarded value ({@code "[2001:\db8::1]"}). */
    private static boolean namedIn(String header, String address) {
        if (header.contains(address)) return true;
        List<Map<String, String>> elements = TrustedProxies.parseForwarded(header);
        return elements != null && elements.stream().anyMatch(e -> e.getOrDefault("for", "").contains(address));
    }

    private static void checkUntrusted(TrustedProxies middleware, String s) {
        Environ env = withForwardingHeaders("192.0.2.1", s);
        middleware.apply(env);
        if (!"192.0.2.1".equals(env.getString(EnvironKeys.REMOTE_ADDR))) throw new AssertionError("an untrusted peer's headers changed REMOTE_ADDR");
        for (String key : FORWARDING_KEYS) {
            if (env.getString(key) != null) throw new AssertionError(key + " kept from an untrusted peer");
        }
    }

    private static Environ withForwardingHeaders(String peer, String value) {
        Environ env = GatewayRun.get("/x").put(EnvironKeys.REMOTE_ADDR, peer);
        for (String key : FORWARDING_KEYS) env.put(key, value);
        return env;
    }

    private static void checkPort(String port, String s) {
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
            throw new AssertionError("port " + quote(port) + " from " + quote(s));
        }
    }

    /** The JDK's reading of an address literal (IPv4-mapped ones as IPv4, as IpAddresses does), or null. */
    private static byte[] jdkLiteral(String s) {
        try {
            return ((InetAddress) OF_LITERAL.invokeExact(s)).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        } catch (Throwable e) {
            throw new AssertionError("InetAddress.ofLiteral failed on " + quote(s), e);
        }
    }

    private static MethodHandle ofLiteral() {
        try {
            return MethodHandles.publicLookup().findStatic(InetAddress.class, "ofLiteral", MethodType.methodType(InetAddress.class, String.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String quote(String s) {
        return "\"" + EscapedBytes.abbreviate(s.getBytes(StandardCharsets.ISO_8859_1), 200) + "\"";
    }
}
