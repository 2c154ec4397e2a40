package dev.gatehouse.web;

/** 307: the method and body are kept. */
public class TemporaryRedirect extends Redirect {
    public TemporaryRedirect(String location) {
        super(307, location);
    }
}
