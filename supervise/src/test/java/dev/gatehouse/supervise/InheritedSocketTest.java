package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.net.Listener;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fd:0}: Gatehouse's FastCGI server taking over a listening socket handed to it as its
 * standard input, the way Apache mod_fcgid, lighttpd and spawn-fcgi start FastCGI programs. The
 * parent here is a few lines of CPython (no Gatehouse code on that side), the client is libfcgi's
 * {@code cgi-fcgi}.
 */
class InheritedSocketTest {
    /** Binds ARGV[1] (a path, or HOST:PORT for TCP), listens, runs ARGV[2:] with the socket as its stdin, prints the child's pid. */
    private static final String PARENT = String.join("\n",
            "import socket, subprocess, sys",
            "where = sys.argv[1]",
            "if where.startswith('/'):",
            "    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(where)",
            "else:",
            "    host, port = where.rsplit(':', 1); s = socket.socket(); s.bind((host, int(port)))",
            "s.listen(16)",
            "child = subprocess.Popen(sys.argv[2:], stdin=s.fileno())",
            "s.close()",
            "print(child.pid, flush=True)",
            "sys.exit(child.wait())",
            "");

    @TempDir
    Path dir;

    @Test
    void onlyTheListenFormKnowsFdZero() {
        assertThat(ListenAddress.parseListen("fd:0")).isEqualTo(ListenAddress.inherited());
        assertThat(ListenAddress.inherited().isInherited()).isTrue();
        assertThat(ListenAddress.inherited().isUnix()).isFalse();
        assertThat(ListenAddress.inherited()).hasToString("fd:0");
        assertThat(ListenAddress.parseListen("unix:/run/x.sock")).isEqualTo(ListenAddress.unix(Path.of("/run/x.sock")));
        assertThat(ListenAddress.parseListen("127.0.0.1:9000").isInherited()).isFalse();
        assertThat(ListenAddress.parse("127.0.0.1:9000").isInherited()).isFalse();
        assertThat(ListenAddress.parse("unix:/x").isInherited()).isFalse();
        assertThatThrownBy(() -> ListenAddress.parseListen("fd:3")).hasMessageContaining("only fd:0");
        assertThatThrownBy(() -> ListenAddress.inherited().toSocketAddress()).isInstanceOf(IllegalStateException.class);
        // parse() (which backend targets use) keeps reading fd:0 as a host named "fd", port 0
        assertThat(ListenAddress.parse("fd:0").isInherited()).isFalse();
    }

    @Test
    void aProcessWithoutASocketOnStandardInputIsToldSo() {
        // the test JVM's standard input is surefire's pipe
        assertThatThrownBy(() -> Listener.open(ListenAddress.inherited(), 16))
                .hasMessageContaining("cannot listen on fd:0: standard input is not a socket");
    }

    @Test
    void theFastCgiServerServesOnAUnixSocketHandedOverAsStandardInput() throws Exception {
        Path socket = dir.resolve("fcgi.sock");
        String answer = serveOnInheritedSocket(socket.toString(), socket.toString());
        assertThat(answer).contains("Content-Type: text/plain").contains("hello from java ").contains(" at /inherited/hello");
        // the listener never removes a socket file it did not bind: its owner (the parent) does
        assertThat(socket).exists();
    }

    @Test
    void theFastCgiServerServesOnATcpSocketHandedOverAsStandardInput() throws Exception {
        int port = freePort();
        String answer = serveOnInheritedSocket("127.0.0.1:" + port, "127.0.0.1:" + port);
        assertThat(answer).contains("hello from java ").contains(" at /inherited/hello");
    }

    /** Starts the Java backend with fd:0 under the Python parent, asks it for /inherited/hello with cgi-fcgi, stops it. */
    private String serveOnInheritedSocket(String bind, String connect) throws Exception {
        Path python = Procs.requirePython();
        Path cgiFcgi = Path.of("/usr/bin/cgi-fcgi");
        dev.gatehouse.testkit.peers.PeerProcess.require(cgiFcgi, "apt-get install libfcgi-bin");
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", PARENT, bind));
        command.addAll(Procs.javaCommand(JavaFcgiBackend.class.getName(), "fd:0"));
        Path log = dir.resolve("backend.log");
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Procs.await("the parent started the backend", () -> read(log).indexOf('\n') > 0);
            String childPid = read(log).substring(0, read(log).indexOf('\n')).strip();
            assertThat(backend(parent)).as("the parent's first line is its child's pid").isEqualTo(Long.parseLong(childPid));
            Procs.await("the backend accepts connections", () -> accepts(connect));
            ProcessBuilder client = new ProcessBuilder(cgiFcgi.toString(), "-bind", "-connect", connect)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true);
            Map<String, String> env = client.environment();
            env.clear();
            env.putAll(Map.of("REQUEST_METHOD", "GET", "SCRIPT_NAME", "/inherited", "PATH_INFO", "/hello", "QUERY_STRING", "",
                    "SERVER_PROTOCOL", "HTTP/1.1", "SERVER_NAME", "localhost", "SERVER_PORT", "80", "REMOTE_ADDR", "127.0.0.1",
                    "GATEWAY_INTERFACE", "CGI/1.1"));
            Process c = client.start();
            String answer = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(c.waitFor(Procs.BOUND_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(c.exitValue()).as("cgi-fcgi: %s", answer).isZero();
            // its log names the socket it was given, not fd:0: the listener reports the real address
            String expected = connect.startsWith("/") ? "[unix:" + connect + "]" : "[" + connect + "]";
            Procs.await("the backend logged its address", () -> read(log).contains("listening on " + expected + " (given fd:0)"));
            return answer;
        } finally {
            ProcessHandle.of(backend(parent)).ifPresent(ProcessHandle::destroy); // SIGTERM: the backend drains and exits
            if (!parent.waitFor(Procs.BOUND_MILLIS, TimeUnit.MILLISECONDS)) parent.destroyForcibly();
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static long backend(Process parent) {
        return parent.children().map(ProcessHandle::pid).findFirst().orElse(-1L);
    }

    private static boolean accepts(String where) {
        try (SocketChannel ch = where.startsWith("/") ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            ch.connect(where.startsWith("/") ? java.net.UnixDomainSocketAddress.of(where) : ListenAddress.parse(where).toSocketAddress());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
