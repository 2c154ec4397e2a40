package dev.gatehouse.cgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.GatewayHandler;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.core.ResponseHead;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An application as a CGI script (RFC 3875), what CPython's {@code wsgiref.handlers.CGIHandler} is
 * to WSGI: the web server starts one process per request, the request is the process environment
 * plus CONTENT_LENGTH bytes of stdin, the response goes to stdout with a {@code Status:} field
 * instead of a status line, and stderr goes to the web server's error log. Everything the interface
 * asks of a server (start_response rules, 500 before the head, closing the body, Content-Length) is
 * core's {@link GatewayHandler}; this class only maps the process to an environ and an exchange.
 *
 * <p>{@link #run} serves one request from the streams given (tests drive it in-process);
 * {@link #runProcess} serves the request of this process.
 */
public final class CgiServer {
    /** The response was sent whole (an error answer included). */
    public static final int EXIT_OK = 0;
    /** The response was cut short (an error after its head, or a body shorter than its Content-Length) or not sent at all. */
    public static final int EXIT_INCOMPLETE = 1;
    /** The process was not started as a CGI script (no REQUEST_METHOD): nothing was written to stdout. */
    public static final int EXIT_NOT_CGI = 2;

    /**
     * The largest request body not yet read by the app when its response starts that is read into
     * memory first (see {@link CgiInput#spoolRest}); a larger one stays in stdin, where an app that
     * streams a response of more than a pipe's buffer before reading it waits on Apache mod_cgi
     * until Apache's Timeout.
     */
    public static final int MAX_SPOOLED_BODY = 4 * 1024 * 1024;
    private static final String SIMPLE_LOGGER_DATE = "org.slf4j.simpleLogger.showDateTime";

    private CgiServer() {
    }

    /**
     * Serves the one request that {@code vars} and {@code stdin} carry.
     *
     * @param vars the CGI variables (the process environment of a script), values as ISO-8859-1 characters of their bytes
     * @param stdin where the body is read from: exactly CONTENT_LENGTH bytes, never more
     * @param stdout where the response goes; flushed after every body chunk, never closed
     * @param stderr {@code gateway.errors}, and where a problem with the invocation itself is told
     * @return {@link #EXIT_OK}, {@link #EXIT_INCOMPLETE} or {@link #EXIT_NOT_CGI}, the script's exit status
     */
    public static int run(Application app, Map<String, String> vars, InputStream stdin, OutputStream stdout, PrintStream stderr) {
        String method = vars.get(EnvironKeys.REQUEST_METHOD);
        if (method == null || method.isEmpty()) {
            stderr.println("gatehouse cgi: REQUEST_METHOD is not set: this is a CGI script, to be run by a web server "
                    + "(to try it by hand: REQUEST_METHOD=GET PATH_INFO=/ and the command)");
            stderr.flush();
            return EXIT_NOT_CGI;
        }
        Environ environ;
        try {
            environ = CgiEnvironBuilder.build(vars, stdin, stderr);
        } catch (ProtocolException bad) {
            stderr.println("gatehouse cgi: bad request from the web server: " + bad.getMessage());
            stderr.flush();
            return answer(new CgiExchange(stdout, null, 0), Status.of(bad.status()), bad.getMessage(), method) ? EXIT_OK : EXIT_INCOMPLETE;
        }
        CgiExchange exchange = new CgiExchange(stdout, environ.get(EnvironKeys.INPUT) instanceof CgiInput body ? body : null, MAX_SPOOLED_BODY);
        boolean complete = GatewayHandler.run(app, environ, exchange);
        stderr.flush();
        return complete && !exchange.aborted() ? EXIT_OK : EXIT_INCOMPLETE;
    }

    /**
     * Serves this process's request with the app {@code builder} makes: the process environment
     * (its bytes kept, see {@link CgiEnvironBuilder#processEnvironment()}), stdin and stdout as file
     * descriptors, {@code System.err}. {@code System.out} is pointed at stderr before the app is
     * built, so nothing the app prints, in its constructor or later, can corrupt the response; stdout
     * is closed as soon as the response is out, so the web server sees its end without waiting for
     * the JVM to exit. slf4j-simple, when it is the logger, is told not to stamp lines with a date
     * (the web server's error log stamps them; formatting dates costs a CGI process more classes than
     * serving a small request) unless the user said otherwise.
     *
     * <p>An app that cannot be built (a bad option, a class not found, a factory that threw) is one
     * line on stderr, which the web server puts in its error log, and, when a web server started the
     * process, a plain 500 on stdout, so its client gets an answer rather than the web server's
     * complaint about a script that wrote nothing; the exception's message is that line.
     *
     * @return the exit status for the process
     */
    public static int runProcess(Callable<? extends Application> builder) {
        if (System.getProperty(SIMPLE_LOGGER_DATE) == null) System.setProperty(SIMPLE_LOGGER_DATE, "false");
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PrintStream stderr = System.err;
        System.out.flush();
        System.setOut(stderr);
        Map<String, String> vars = CgiEnvironBuilder.processEnvironment();
        int status;
        try {
            Application app;
            try {
                app = builder.call();
            } catch (Exception | LinkageError e) {
                return startupFailed(e.getMessage() != null ? e.getMessage() : e.toString(), vars, stdout, stderr);
            }
            status = run(app, vars, new FileInputStream(FileDescriptor.in), stdout, stderr);
        } finally {
            try {
                stdout.close();
            } catch (IOException ignored) {
                // the web server stopped reading; the exit status says the response did not go out whole
            }
        }
        return status;
    }

    private static int startupFailed(String problem, Map<String, String> vars, OutputStream stdout, PrintStream stderr) {
        stderr.println("gatehouse cgi: " + problem);
        stderr.flush();
        String method = vars.get(EnvironKeys.REQUEST_METHOD);
        if (method == null || method.isEmpty()) return EXIT_NOT_CGI;
        answer(new CgiExchange(stdout, null, 0), Status.INTERNAL_SERVER_ERROR, "the application could not be started", method);
        return EXIT_INCOMPLETE;
    }

    /** Answers a request the app never saw (its variables were malformed, or there is no app) with {@code status}. */
    private static boolean answer(CgiExchange exchange, Status status, String message, String method) {
        byte[] text = (status + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(method);
        try {
            exchange.sendHead(new ResponseHead(status, List.of(Header.of("Content-Type", "text/plain; charset=utf-8")), text.length, head));
            if (!head) exchange.sendBody(text, 0, text.length);
            exchange.finish();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
