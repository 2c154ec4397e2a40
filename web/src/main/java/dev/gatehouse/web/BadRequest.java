package dev.gatehouse.web;

/** 400 Bad Request. */
public class BadRequest extends HttpError {
    public BadRequest() {
        super(400, "Bad Request");
    }

    public BadRequest(String message) {
        super(400, message);
    }
}
