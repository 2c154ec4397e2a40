package dev.gatehouse.web;

/** 403 Forbidden. */
public class Forbidden extends HttpError {
    public Forbidden() {
        super(403, "Forbidden");
    }

    public Forbidden(String message) {
        super(403, message);
    }
}
