package dev.gatehouse.core;

import static dev.gatehouse.api.EnvironKeys.CONTENT_LENGTH;
import static dev.gatehouse.api.EnvironKeys.ERRORS;
import static dev.gatehouse.api.EnvironKeys.FILE_WRAPPER;
import static dev.gatehouse.api.EnvironKeys.INPUT;
import static dev.gatehouse.api.EnvironKeys.INPUT_TERMINATED;
import static dev.gatehouse.api.EnvironKeys.MULTIPROCESS;
import static dev.gatehouse.api.EnvironKeys.MULTITHREAD;
import static dev.gatehouse.api.EnvironKeys.PATH_INFO;
import static dev.gatehouse.api.EnvironKeys.QUERY_STRING;
import static dev.gatehouse.api.EnvironKeys.REQUEST_METHOD;
import static dev.gatehouse.api.EnvironKeys.RUN_ONCE;
import static dev.gatehouse.api.EnvironKeys.SCRIPT_NAME;
import static dev.gatehouse.api.EnvironKeys.SERVER_NAME;
import static dev.gatehouse.api.EnvironKeys.SERVER_PORT;
import static dev.gatehouse.api.EnvironKeys.SERVER_PROTOCOL;
import static dev.gatehouse.api.EnvironKeys.URL_SCHEME;
import static dev.gatehouse.api.EnvironKeys.VERSION;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileWrapper;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The {@link Validator}'s checks of the environ a server hands to the application. */
final class ValidatorEnviron {
    private ValidatorEnviron() {
    }

    private static final List<String> REQUIRED = List.of(REQUEST_METHOD, SCRIPT_NAME, PATH_INFO, QUERY_STRING,
            SERVER_NAME, SERVER_PORT, SERVER_PROTOCOL, VERSION, URL_SCHEME, INPUT, ERRORS, MULTITHREAD, MULTIPROCESS,
            RUN_ONCE);

    static void check(Environ environ, Validator validator) {
        for (String key : REQUIRED) {
            if (!environ.containsKey(key)) throw validator.serverBreach("the environ lacks the required key " + key);
        }
        for (Map.Entry<String, Object> entry : environ.asMap().entrySet()) {
            if (entry.getKey().indexOf('.') < 0) checkCgiValue(entry.getKey(), entry.getValue(), validator);
        }
        checkCgiVariables(environ, validator);
        checkGatewayKeys(environ, validator);
    }

    /** CGI variables and HTTP_* keys carry the request's bytes as ISO-8859-1 strings. */
    private static void checkCgiValue(String key, Object value, Validator validator) {
        if (!(value instanceof String s)) {
            throw validator.serverBreach("environ key " + key + " must map to a String, not a " + value.getClass().getName());
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw validator.serverBreach("environ value of " + key + " has a character above 0xFF at index " + i
                        + "; values are the request's bytes decoded as ISO-8859-1");
            }
        }
    }

    private static void checkCgiVariables(Environ environ, Validator validator) {
        String method = environ.getString(REQUEST_METHOD);
        if (!HeaderRules.isToken(method)) {
            throw validator.serverBreach("REQUEST_METHOD must be a token: " + HeaderRules.printable(method));
        }
        String scriptName = environ.getString(SCRIPT_NAME);
        if (!scriptName.isEmpty() && (!scriptName.startsWith("/") || scriptName.endsWith("/"))) {
            throw validator.serverBreach("SCRIPT_NAME must be empty or start with '/' and not end with '/': "
                    + HeaderRules.printable(scriptName));
        }
        String pathInfo = environ.getString(PATH_INFO);
        if (!pathInfo.isEmpty() && !pathInfo.startsWith("/")) {
            throw validator.serverBreach("PATH_INFO must be empty or start with '/': " + HeaderRules.printable(pathInfo));
        }
        if (environ.getString(SERVER_NAME).isEmpty()) throw validator.serverBreach("SERVER_NAME is empty");
        if (environ.getString(SERVER_PORT).isEmpty()) throw validator.serverBreach("SERVER_PORT is empty");
        String length = environ.getString(CONTENT_LENGTH);
        if (length != null && HeaderRules.parseLength(length) < 0) {
            throw validator.serverBreach("CONTENT_LENGTH must be ASCII digits, or absent when unknown: "
                    + HeaderRules.printable(length));
        }
        for (String misplaced : List.of("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH")) {
            if (environ.containsKey(misplaced)) {
                throw validator.serverBreach("the environ has " + misplaced + "; that header belongs in "
                        + misplaced.substring(EnvironKeys.HTTP_PREFIX.length()));
            }
        }
    }

    private static void checkGatewayKeys(Environ environ, Validator validator) {
        if (!EnvironKeys.INTERFACE_VERSION.equals(environ.get(VERSION))) {
            throw validator.serverBreach(VERSION + " must be \"" + EnvironKeys.INTERFACE_VERSION + "\", not " + environ.get(VERSION));
        }
        Object scheme = environ.get(URL_SCHEME);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw validator.serverBreach(URL_SCHEME + " must be \"http\" or \"https\", not " + scheme);
        }
        requireType(environ, INPUT, InputStream.class, validator);
        requireType(environ, ERRORS, PrintStream.class, validator);
        for (String flag : List.of(MULTITHREAD, MULTIPROCESS, RUN_ONCE, INPUT_TERMINATED)) {
            requireType(environ, flag, Boolean.class, validator);
        }
        requireType(environ, FILE_WRAPPER, FileWrapper.class, validator);
    }

    /** Absent keys pass: the required ones were checked first. */
    private static void requireType(Environ environ, String key, Class<?> type, Validator validator) {
        Object value = environ.get(key);
        if (value != null && !type.isInstance(value)) {
            throw validator.serverBreach(key + " must be of type " + type.getSimpleName() + ", not " + value.getClass().getName());
        }
    }
}
