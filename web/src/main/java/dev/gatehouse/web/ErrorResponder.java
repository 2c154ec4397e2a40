package dev.gatehouse.web;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.web.dev.DebugPage;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what went wrong in a request: an {@link HttpError} with the app's error page for its
 * status (or the built-in one), anything else with a logged 500 (the debug page in development
 * mode). The error's response replaces a head not sent yet, through start_response's excInfo.
 */
final class ErrorResponder {
    // logged under WebApp's name: that is the logger users look for
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private final Map<Integer, ErrorPage> errorPages;
    private final boolean devMode;

    ErrorResponder(Map<Integer, ErrorPage> errorPages, boolean devMode) {
        this.errorPages = errorPages;
        this.devMode = devMode;
    }

    Body answer(Request request, StartResponse startResponse, HttpError error) throws Exception {
        Response response;
        try {
            ErrorPage page = errorPages.get(error.status());
            Object out = page == null ? ErrorPages.plain(error) : page.render(request, error);
            Response target = new Response().withStatus(error.status());
            response = Results.toResponse(out, target);
            if (response != target && !response.statusWasSet()) response.withStatus(error.status());
        } catch (Exception pageFailure) {
            LOG.error("the error page for {} failed on {} {}", error.status(), request.method(), request.path(), pageFailure);
            response = Response.html(ErrorPages.plain(error)).withStatus(error.status());
        }
        response.inheritFrom(request.response()); // cookies set before a redirect or error still go out
        for (Header h : error.headers()) response.header(h.name(), h.value());
        if (error instanceof Redirect r) response.setHeader("Location", r.resolve(request));
        return ResponseWriter.send(response, request, replacing(startResponse, error));
    }

    Body answerFailure(Request request, StartResponse startResponse, Throwable failure) throws Exception {
        LOG.error("500 on {} {}{} from {}", request.method(), request.scriptName(), request.path(), request.clientAddress(), failure);
        HttpError error = new HttpError(500, "Internal Server Error", failure);
        if (devMode) {
            Response debug = Response.html(DebugPage.render(failure, request.environ())).withStatus(500);
            return ResponseWriter.send(debug, request, replacing(startResponse, failure));
        }
        ErrorPage page = errorPages.get(500);
        Response response;
        try {
            Object out = page == null ? ErrorPages.plain(error) : page.render(request, error);
            response = Results.toResponse(out, new Response().withStatus(500));
        } catch (Exception pageFailure) {
            LOG.error("the error page for 500 failed", pageFailure);
            response = Response.html(ErrorPages.plain(error)).withStatus(500);
        }
        return ResponseWriter.send(response, request, replacing(startResponse, failure));
    }

    /** start_response with the failure as excInfo: replaces a head not sent yet, re-throws otherwise. */
    private static StartResponse replacing(StartResponse startResponse, Throwable failure) {
        return (status, headers, excInfo) -> startResponse.start(status, headers, excInfo == null ? failure : excInfo);
    }
}
