package dev.gatehouse.web;

import java.util.Collection;

/** 405 Method Not Allowed, with the {@code Allow} header listing the methods that are. */
public class MethodNotAllowed extends HttpError {
    public MethodNotAllowed(String method, Collection<String> allowed) {
        super(405, "Method " + method + " is not allowed here");
        withHeader("Allow", String.join(", ", allowed));
    }
}
