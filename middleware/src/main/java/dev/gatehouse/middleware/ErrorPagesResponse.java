package dev.gatehouse.middleware;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.IOException;
import java.util.List;

/**
 * One response passing through {@link ErrorPages}. The app's {@code start} is passed on at once
 * when the response keeps its body ({@link Mode#PASS}) or certainly gets a page
 * ({@link Mode#PAGE}); an error response whose body may be empty is held back
 * ({@link Mode#HELD}) until its first non-empty chunk (passed on) or its end (a page).
 */
final class ErrorPagesResponse implements StartResponse {
    enum Mode { NOT_STARTED, PASS, HELD, PAGE }

    private final StartResponse server;
    private final Environ environ;
    private final ErrorPages pages;
    private Mode mode = Mode.NOT_STARTED;
    private Status heldStatus;
    private List<Header> heldHeaders;
    private Throwable heldExcInfo;
    private Write serverWrite;
    private byte[] page;
    private boolean committed;

    ErrorPagesResponse(StartResponse server, Environ environ, ErrorPages pages) {
        this.server = server;
        this.environ = environ;
        this.pages = pages;
    }

    @Override
    public Write start(Status status, List<Header> headers, Throwable excInfo) {
        ErrorPage errorPage = pages.pageFor(status.code());
        if (errorPage == null) {
            pass(status, headers, excInfo);
        } else if (pages.config().interceptAll() || isStock(status) || "0".equals(Header.find(headers, "Content-Length"))) {
            showPage(pages.render(environ, status, headers, errorPage), excInfo);
        } else {
            serverWrite = null;
            mode = Mode.HELD;
            heldStatus = status;
            heldHeaders = headers;
            heldExcInfo = excInfo;
        }
        return this::write;
    }

    private boolean isStock(Status status) {
        return environ.get(ErrorPages.STOCK_RESPONSE) instanceof Integer code && code == status.code();
    }

    private void pass(Status status, List<Header> headers, Throwable excInfo) {
        serverWrite = server.start(status, headers, excInfo);
        mode = Mode.PASS;
    }

    private void showPage(ErrorPages.Rendered rendered, Throwable excInfo) {
        serverWrite = server.start(rendered.status(), rendered.headers(), excInfo);
        mode = Mode.PAGE;
        page = rendered.body();
    }

    /** Passes on the held head: the body turned out not to be empty. */
    private void release() {
        pass(heldStatus, heldHeaders, heldExcInfo);
    }

    /** Replaces the held response with its page: its body turned out to be empty. */
    private void replaceHeld() {
        showPage(pages.render(environ, heldStatus, heldHeaders, pages.pageFor(heldStatus.code())), heldExcInfo);
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (mode == Mode.HELD && length > 0) release();
        if (mode == Mode.PAGE) return; // the page replaces whatever the app writes
        if (serverWrite == null) throw new IllegalStateException("write called before start_response");
        if (length > 0) committed = true;
        serverWrite.write(bytes, offset, length);
    }

    /** The app failed in {@code call}: the 500 page (or the debug page), or null to let the server answer. */
    Body failed(Throwable error) {
        if (committed || !pages.answersExceptions()) return null;
        ErrorPages.logFailure(environ, error);
        ErrorPages.Rendered rendered = pages.config().debug() ? pages.renderException(environ, error)
                : pages.render(environ, Status.INTERNAL_SERVER_ERROR, List.of(), pages.pageFor(500));
        showPage(rendered, error);
        return pageBody(null);
    }

    Body body(Body body) throws IOException {
        if (body instanceof FileBody file) {
            if (mode == Mode.HELD) {
                if (file.length() > 0) release();
                else replaceHeld();
            }
            if (mode != Mode.PAGE) return file;
        }
        if (mode == Mode.PAGE) return pageBody(body);
        return new Body() {
            private Body replacement;

            @Override
            public byte[] next() throws IOException {
                if (replacement != null) return replacement.next();
                while (true) {
                    byte[] chunk;
                    try {
                        chunk = body.next();
                    } catch (IOException | RuntimeException | Error e) {
                        Body answer = failed(e);
                        if (answer == null) throw e;
                        replacement = answer;
                        return replacement.next();
                    }
                    switch (mode) {
                        case PAGE -> {
                            replacement = pageBody(null);
                            return replacement.next();
                        }
                        case HELD -> {
                            if (chunk == null) {
                                replaceHeld();
                                replacement = pageBody(null);
                                return replacement.next();
                            }
                            if (chunk.length == 0) continue;
                            release();
                        }
                        default -> {
                        }
                    }
                    if (chunk != null && chunk.length > 0) committed = true;
                    return chunk;
                }
            }

            @Override
            public void close() throws IOException {
                body.close();
            }
        };
    }

    /** The page's bytes, once; closing it closes the app's body, if any. */
    private Body pageBody(Body appBody) {
        byte[] bytes = page;
        return new Body() {
            private boolean sent;

            @Override
            public byte[] next() {
                if (sent) return null;
                sent = true;
                return bytes;
            }

            @Override
            public void close() throws IOException {
                if (appBody != null) appBody.close();
            }
        };
    }
}
