package dev.gatehouse.cgi.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Every limit and setting of the CGI runner (the {@code cgi:DIR} mount), each named once with its
 * default. The run time, head size and standard-error bounds are LIMITS.md's; the rest follow
 * Apache's mod_cgi where it has an equivalent (the kill grace is mod_cgid's 3 s).
 *
 * @param maxScripts scripts running at once; more requests wait for one to end
 * @param queueTimeout how long a request waits for a free slot when {@code maxScripts} run (503)
 * @param timeout how long a script may run, from its start to its exit; past it, its process group
 *     gets SIGTERM and the request is answered 504 (or cut off, if the head was sent)
 * @param killGrace after a SIGTERM (timeout, or a client that left), how long the group has before SIGKILL
 * @param maxHeadBytes the CGI response head (502 past it)
 * @param maxHeadFields fields in the CGI response head (502 past it)
 * @param maxStderrBytes standard error logged per request; the rest is read, counted and dropped
 * @param maxUnsizedBodyBytes a request body without Content-Length (chunked) is read into memory to
 *     give the script its CONTENT_LENGTH, as RequestBody does; larger bodies are answered 413
 * @param maxEarlyOutputBytes output a script writes before it has read its whole request body,
 *     held in memory until the body is in (the response cannot start before: 502 past it)
 * @param maxLocalRedirects CGI local redirects followed for one client request (502 past it)
 * @param passAuthorization give scripts the client's {@code Authorization} header as
 *     HTTP_AUTHORIZATION (Apache's {@code CGIPassAuth On}); off by default, so scripts cannot read
 *     the credentials of an authentication done in front of them
 * @param baseEnvironment the variables every script gets before the request's own (no variable of
 *     the server's environment is passed on); a request variable of the same name wins, except PATH
 * @param spawn how scripts are started
 * @param python the interpreter that runs the spawner helper ({@link Spawn#HELPER})
 */
public record CgiClientConfig(
        int maxScripts,
        Duration queueTimeout,
        Duration timeout,
        Duration killGrace,
        int maxHeadBytes,
        int maxHeadFields,
        int maxStderrBytes,
        long maxUnsizedBodyBytes,
        int maxEarlyOutputBytes,
        int maxLocalRedirects,
        boolean passAuthorization,
        Map<String, String> baseEnvironment,
        Spawn spawn,
        Path python) {

    /** How scripts are started (docs/cgi-scripts.md has the measurements behind the default). */
    public enum Spawn {
        /**
         * A long-lived helper process (a small Python program) posix_spawns each script in a new
         * session, as Apache's cgid daemon forks them: about half the CPU per script of the
         * JDK's own process launch, and the script's stdin and stdout are one Unix socket.
         */
        HELPER,
        /** {@link ProcessBuilder}, with {@code setsid(1)} in front of the script when it exists. */
        DIRECT,
        /** {@link #HELPER} when {@code python} is executable, else {@link #DIRECT}. */
        AUTO
    }

    /** A safe PATH for scripts, whatever the server's own is. */
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    public static final CgiClientConfig DEFAULTS = new CgiClientConfig(
            64,
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            Duration.ofSeconds(3),
            64 * 1024,
            100,
            64 * 1024,
            1024L * 1024,
            1024 * 1024,
            10,
            false,
            Map.of("PATH", DEFAULT_PATH),
            Spawn.AUTO,
            Path.of("/usr/bin/python3"));

    public CgiClientConfig {
        if (maxScripts < 1) throw new IllegalArgumentException("maxScripts must be at least 1");
        positive(queueTimeout, "queueTimeout");
        positive(timeout, "timeout");
        positive(killGrace, "killGrace");
        if (maxHeadBytes < 1) throw new IllegalArgumentException("maxHeadBytes must be at least 1");
        if (maxHeadFields < 1) throw new IllegalArgumentException("maxHeadFields must be at least 1");
        if (maxStderrBytes < 0) throw new IllegalArgumentException("maxStderrBytes must not be negative");
        if (maxUnsizedBodyBytes < 0) throw new IllegalArgumentException("maxUnsizedBodyBytes must not be negative");
        if (maxEarlyOutputBytes < 0) throw new IllegalArgumentException("maxEarlyOutputBytes must not be negative");
        if (maxLocalRedirects < 0) throw new IllegalArgumentException("maxLocalRedirects must not be negative");
        baseEnvironment = Map.copyOf(baseEnvironment);
        Objects.requireNonNull(spawn, "spawn");
        Objects.requireNonNull(python, "python");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }

    /** 64 scripts, 5 s queue, 60 s run time, 3 s kill grace, 64 KiB/100-field head, 64 KiB stderr, 1 MiB unsized body and early output. */
    public static CgiClientConfig defaults() {
        return DEFAULTS;
    }

    public CgiClientConfig withMaxScripts(int v) {
        return new CgiClientConfig(v, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withQueueTimeout(Duration v) {
        return new CgiClientConfig(maxScripts, v, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withTimeout(Duration v) {
        return new CgiClientConfig(maxScripts, queueTimeout, v, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withKillGrace(Duration v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, v, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withMaxHeadBytes(int v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, v, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withMaxStderrBytes(int v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, v, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withMaxUnsizedBodyBytes(long v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, v, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withMaxEarlyOutputBytes(int v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, v, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withPassAuthorization(boolean v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, v, baseEnvironment, spawn, python);
    }

    public CgiClientConfig withBaseEnvironment(Map<String, String> v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, v, spawn, python);
    }

    public CgiClientConfig withSpawn(Spawn v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, v, python);
    }

    public CgiClientConfig withPython(Path v) {
        return new CgiClientConfig(maxScripts, queueTimeout, timeout, killGrace, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxEarlyOutputBytes, maxLocalRedirects, passAuthorization, baseEnvironment, spawn, v);
    }
}
