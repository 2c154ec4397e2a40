package dev.gatehouse.api;

/** The names of the environ keys a server provides. CGI names first, then the gateway's own. */
public final class EnvironKeys {
    private EnvironKeys() {
    }

    public static final String REQUEST_METHOD = "REQUEST_METHOD";
    /** The part of the URL path that leads to the application (may be empty, never ends with '/'). */
    public static final String SCRIPT_NAME = "SCRIPT_NAME";
    /** The rest of the path, percent-decoded, as ISO-8859-1 characters of the raw bytes. */
    public static final String PATH_INFO = "PATH_INFO";
    /** The raw query, without '?', possibly empty. */
    public static final String QUERY_STRING = "QUERY_STRING";
    public static final String CONTENT_TYPE = "CONTENT_TYPE";
    /** Digits only; absent when the length is not known in advance (chunked bodies). */
    public static final String CONTENT_LENGTH = "CONTENT_LENGTH";
    public static final String SERVER_NAME = "SERVER_NAME";
    public static final String SERVER_PORT = "SERVER_PORT";
    /** e.g. {@code HTTP/1.1}. */
    public static final String SERVER_PROTOCOL = "SERVER_PROTOCOL";
    public static final String REMOTE_ADDR = "REMOTE_ADDR";
    public static final String REMOTE_PORT = "REMOTE_PORT";
    /** The request target exactly as received (not percent-decoded), as nginx and Apache pass it. */
    public static final String REQUEST_URI = "REQUEST_URI";
    /** Prefix of one key per request header: {@code HTTP_} + the name upper-cased, '-' as '_'. */
    public static final String HTTP_PREFIX = "HTTP_";

    /** The version of this interface, {@code "1.0"}. */
    public static final String VERSION = "gateway.version";
    /** {@code "http"} or {@code "https"}. */
    public static final String URL_SCHEME = "gateway.url_scheme";
    /** The request body, a {@link java.io.InputStream} that ends where the body ends. */
    public static final String INPUT = "gateway.input";
    /** A {@link java.io.PrintStream} for error output; where it goes depends on the server. */
    public static final String ERRORS = "gateway.errors";
    /** Boolean: the app may be called by several threads at once. */
    public static final String MULTITHREAD = "gateway.multithread";
    /** Boolean: other processes may serve the same app. */
    public static final String MULTIPROCESS = "gateway.multiprocess";
    /** Boolean: the app is called once in this process (CGI). */
    public static final String RUN_ONCE = "gateway.run_once";
    /** Boolean: the input stream returns end-of-stream at the end of the body even without CONTENT_LENGTH. */
    public static final String INPUT_TERMINATED = "gateway.input_terminated";
    /** A {@link FileWrapper} that turns a file region into a zero-copy body. */
    public static final String FILE_WRAPPER = "gateway.file_wrapper";

    public static final String INTERFACE_VERSION = "1.0";
}
