package dev.gatehouse.web;

import dev.gatehouse.api.Environ;
import java.util.List;

/**
 * What a form reads from a request: the submitted values by name, the uploads by name, and the
 * environ (for the session that holds the CSRF token). {@code Request} implements it; tests may
 * implement it directly.
 */
public interface FormInput {
    Environ environ();

    /** The request method, upper case. */
    String method();

    /** Every value submitted under {@code name} (query string and body), in order; empty if none. */
    List<String> values(String name);

    /** The upload submitted under {@code name}, or null. */
    Upload upload(String name);
}
