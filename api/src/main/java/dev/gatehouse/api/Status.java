package dev.gatehouse.api;

/** A response status: a three-digit code and its reason phrase. */
public record Status(int code, String reason) {
    public static final Status OK = new Status(200, "OK");
    public static final Status NOT_FOUND = new Status(404, "Not Found");
    public static final Status INTERNAL_SERVER_ERROR = new Status(500, "Internal Server Error");

    public Status {
        if (code < 100 || code > 999) throw new IllegalArgumentException("status code must have three digits: " + code);
        if (reason == null) reason = "";
    }

    /** The status with the standard reason phrase of RFC 9110 (or "Unknown"). */
    public static Status of(int code) {
        return new Status(code, reasonFor(code));
    }

    /** Parses {@code "404 Not Found"} (the reason may be empty). */
    public static Status parse(String line) {
        if (line.length() < 3 || (line.length() > 3 && line.charAt(3) != ' ')) {
            throw new IllegalArgumentException("status must be three digits and a reason: " + line);
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("status must be three digits and a reason: " + line);
            code = code * 10 + (c - '0');
        }
        return new Status(code, line.length() > 4 ? line.substring(4) : "");
    }

    /** True for statuses whose responses never carry a body: 1xx, 204 and 304. */
    public boolean forbidsBody() {
        return code < 200 || code == 204 || code == 304;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }

    public static String reasonFor(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Unknown";
        };
    }
}
