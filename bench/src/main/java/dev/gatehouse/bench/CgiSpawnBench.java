package dev.gatehouse.bench;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.cgi.client.CgiClientConfig;
import dev.gatehouse.cgi.client.CgiProxyApp;
import dev.gatehouse.cgi.client.CgiTarget;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What it costs to run one CGI script from the JVM, by way of starting it: a timing harness (not
 * JMH: a spawn is milliseconds, and what matters is the CPU the whole process tree spends).
 *
 * <pre>CgiSpawnBench MODE SCRIPT [THREADS] [SPAWNS] [ROUNDS]</pre>
 * MODE is one of
 * <ul>
 *   <li>{@code jdk}: {@link ProcessBuilder} with a clean 21-variable environment, the script's
 *       output read to its end, {@code waitFor}; run it with
 *       {@code -Djdk.lang.Process.launchMechanism=POSIX_SPAWN|FORK|VFORK} to compare the JDK's
 *       launch mechanisms (POSIX_SPAWN, the default, execs {@code jspawnhelper} first);</li>
 *   <li>{@code jdk-setsid}: the same with {@code /usr/bin/setsid} in front, which a runner needs
 *       to put the script in a process group of its own;</li>
 *   <li>{@code app-helper}, {@code app-direct}: the whole {@code cgi:} mount ({@link CgiProxyApp}
 *       with {@code spawn=helper} or {@code spawn=direct}) called with a GET environ, the response
 *       drained, as the HTTP server would.</li>
 * </ul>
 * Each round runs SPAWNS scripts on THREADS threads and prints spawns per second (wall time) and
 * the CPU time per script of the whole process tree: this JVM, its reaped children, and its live
 * children with theirs (the spawner helper and the scripts it reaped), from /proc.
 */
public final class CgiSpawnBench {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private CgiSpawnBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CgiSpawnBench jdk|jdk-setsid|app-helper|app-direct SCRIPT [THREADS] [SPAWNS] [ROUNDS]");
            System.exit(2);
        }
        String mode = args[0];
        Path script = Path.of(args[1]).toAbsolutePath();
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int spawns = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Callable<Integer> once;
        CgiProxyApp app = null;
        switch (mode) {
            case "jdk" -> once = () -> viaProcessBuilder(script, false);
            case "jdk-setsid" -> once = () -> viaProcessBuilder(script, true);
            case "app-helper", "app-direct" -> {
                CgiClientConfig.Spawn spawn = mode.equals("app-helper") ? CgiClientConfig.Spawn.HELPER : CgiClientConfig.Spawn.DIRECT;
                app = new CgiProxyApp(CgiTarget.of(script.getParent()), CgiClientConfig.defaults().withSpawn(spawn).withMaxScripts(threads));
                CgiProxyApp running = app;
                String name = "/" + script.getFileName();
                once = () -> viaApp(running, name);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        String mechanism = System.getProperty("jdk.lang.Process.launchMechanism", "default");
        try {
            for (int i = 0; i < Math.max(200, spawns / 5); i++) once.call(); // warm-up
            double[] perSecond = new double[rounds];
            double[] cpuMillis = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double cpuBefore = treeCpuMillis();
                long start = System.nanoTime();
                run(once, threads, spawns);
                double seconds = (System.nanoTime() - start) / 1e9;
                perSecond[r] = spawns / seconds;
                cpuMillis[r] = (treeCpuMillis() - cpuBefore) / spawns;
                System.out.printf("round %d: %s (launch %s) threads=%d: %.0f scripts/s, %.3f CPU-ms per script%n",
                        r + 1, mode, mechanism, threads, perSecond[r], cpuMillis[r]);
            }
            System.out.printf("median: %s (launch %s) threads=%d: %.0f scripts/s, %.3f CPU-ms per script%n",
                    mode, mechanism, threads, median(perSecond), median(cpuMillis));
        } finally {
            if (app != null) app.close();
        }
    }

    private static void run(Callable<Integer> once, int threads, int spawns) throws Exception {
        AtomicInteger left = new AtomicInteger(spawns);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        if (once.call() < 10) throw new IllegalStateException("short answer from the script");
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) w.get();
        } finally {
            pool.shutdown();
        }
    }

    /** The variables a CGI script typically gets, so the environment costs what it costs in a runner. */
    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String k : List.of("GATEWAY_INTERFACE", "SERVER_PROTOCOL", "REQUEST_METHOD", "QUERY_STRING", "REQUEST_URI", "SCRIPT_NAME",
                "SERVER_NAME", "SERVER_PORT", "REMOTE_ADDR", "REMOTE_PORT", "HTTP_HOST", "HTTP_USER_AGENT", "HTTP_ACCEPT",
                "SERVER_SOFTWARE", "DOCUMENT_ROOT", "SCRIPT_FILENAME", "CONTEXT_PREFIX", "CONTEXT_DOCUMENT_ROOT", "REQUEST_SCHEME",
                "HTTP_CONNECTION")) {
            env.put(k, "value of " + k);
        }
        env.put("PATH", CgiClientConfig.DEFAULT_PATH);
        return env;
    }

    private static final Map<String, String> ENV = environment();

    private static int viaProcessBuilder(Path script, boolean setsid) throws Exception {
        ProcessBuilder builder = setsid ? new ProcessBuilder("/usr/bin/setsid", script.toString()) : new ProcessBuilder(script.toString());
        builder.directory(script.getParent().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(ENV);
        Process p = builder.start();
        p.getOutputStream().close();
        int n;
        try (InputStream out = p.getInputStream()) {
            n = out.readAllBytes().length;
        }
        p.waitFor();
        return n;
    }

    private static int viaApp(CgiProxyApp app, String scriptPath) throws Exception {
        Environ environ = new Environ();
        environ.put(EnvironKeys.REQUEST_METHOD, "GET");
        environ.put(EnvironKeys.SCRIPT_NAME, "/cgi-bin");
        environ.put(EnvironKeys.PATH_INFO, scriptPath);
        environ.put(EnvironKeys.QUERY_STRING, "");
        environ.put(EnvironKeys.REQUEST_URI, "/cgi-bin" + scriptPath);
        environ.put(EnvironKeys.SERVER_NAME, "127.0.0.1");
        environ.put(EnvironKeys.SERVER_PORT, "8080");
        environ.put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1");
        environ.put(EnvironKeys.REMOTE_ADDR, "127.0.0.1");
        environ.put(EnvironKeys.REMOTE_PORT, "40000");
        environ.put("HTTP_HOST", "127.0.0.1:8080");
        environ.put("HTTP_USER_AGENT", "bench");
        environ.put("HTTP_ACCEPT", "*/*");
        environ.put(EnvironKeys.URL_SCHEME, "http");
        int[] status = new int[1];
        StartResponse startResponse = (s, headers, exc) -> {
            status[0] = s.code();
            return (b, off, len) -> {
            };
        };
        int n = 0;
        try (Body body = app.call(environ, startResponse)) {
            for (byte[] chunk = body.next(); chunk != null; chunk = body.next()) n += chunk.length;
        }
        if (status[0] != 200) throw new IllegalStateException("status " + status[0]);
        return n + 10;
    }

    /** CPU time (ms) of this JVM, its reaped children and its live descendants with their reaped children. */
    private static double treeCpuMillis() {
        long ticks = ticks(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) ticks += ticks(child.pid());
        return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
    }

    /** utime + stime + cutime + cstime of {@code pid}, in clock ticks; 0 if it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (Exception e) {
            return 0;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
