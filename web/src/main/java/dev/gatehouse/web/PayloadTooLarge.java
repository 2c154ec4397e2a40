package dev.gatehouse.web;

/** 413 Content Too Large. */
public class PayloadTooLarge extends HttpError {
    public PayloadTooLarge() {
        super(413, "Content Too Large");
    }

    public PayloadTooLarge(String message) {
        super(413, message);
    }
}
