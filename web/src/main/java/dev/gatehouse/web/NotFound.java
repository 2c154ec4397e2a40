package dev.gatehouse.web;

/** 404 Not Found. */
public class NotFound extends HttpError {
    public NotFound() {
        super(404, "Not Found");
    }

    public NotFound(String message) {
        super(404, message);
    }
}
