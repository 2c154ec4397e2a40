package dev.gatehouse.web;

/** 409 Conflict. */
public class Conflict extends HttpError {
    public Conflict() {
        super(409, "Conflict");
    }

    public Conflict(String message) {
        super(409, message);
    }
}
