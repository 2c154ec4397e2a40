package dev.gatehouse.web;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A URL pattern and what answers it, per request method. */
sealed interface Route permits ClassRoute, LambdaRoute {
    Pattern pattern();

    /** The methods this route answers, for the Allow header (HEAD included when GET is). */
    Set<String> methods();

    /** Runs the handler for {@code method}; a method it lacks is a 405. */
    Object invoke(String method, Request request, List<String> groups) throws Throwable;
}
