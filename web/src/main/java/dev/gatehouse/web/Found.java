package dev.gatehouse.web;

/** 302: the classic temporary redirect. */
public class Found extends Redirect {
    public Found(String location) {
        super(302, location);
    }
}
