package dev.gatehouse.http1.codec;

import dev.gatehouse.core.HeaderRules;

/**
 * Turns a request line and its fields into a request with resolved framing and connection
 * semantics (RFC 9112 sections 3.2, 6, 9.3; RFC 9110 section 10.1.1 for Expect).
 */
final class Http1Framing {
    private Http1Framing() {
    }

    static Http1Request resolve(Http1RequestDecoder.RequestLine line, Http1Headers headers) throws Http1Exception {
        int minor = line.minorVersion();
        long length = bodyLength(headers, minor);
        Target target = Target.parse(line.method(), line.target());
        String host = host(headers, minor, target);
        boolean keepAlive = keepAlive(headers, minor);
        boolean expectContinue = expectContinue(headers, minor);
        return new Http1Request(line.method(), line.target(), minor, target.path, target.query, host, headers,
                length, keepAlive, expectContinue);
    }

    /** 0 for no body, the Content-Length, or -1 for chunked. */
    private static long bodyLength(Http1Headers headers, int minor) throws Http1Exception {
        String contentLength = null;
        boolean chunked = false;
        boolean transferEncoding = false;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (name.equalsIgnoreCase("Content-Length")) {
                if (contentLength != null) throw Http1Exception.badRequest("more than one Content-Length");
                contentLength = headers.value(i);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                transferEncoding = true;
                chunked = transferCodings(headers.value(i), chunked);
            }
        }
        if (transferEncoding) {
            if (contentLength != null) throw Http1Exception.badRequest("both Transfer-Encoding and Content-Length");
            if (minor == 0) throw Http1Exception.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            if (!chunked) throw Http1Exception.badRequest("Transfer-Encoding without chunked as the final coding");
            return -1;
        }
        if (contentLength == null) return 0;
        long n = HeaderRules.parseLength(contentLength);
        if (n < 0) throw Http1Exception.badRequest("malformed Content-Length: " + contentLength);
        return n;
    }

    /**
     * Accepts only "chunked", once, as the last coding (RFC 9112 6.3: anything after chunked is
     * a 400); any other coding before it is not implemented (501).
     */
    private static boolean transferCodings(String value, boolean chunkedBefore) throws Http1Exception {
        boolean chunked = chunkedBefore;
        String unsupported = null;
        int i = 0;
        while (i <= value.length()) {
            int comma = value.indexOf(',', i);
            if (comma < 0) comma = value.length();
            String coding = stripOws(value.substring(i, comma));
            i = comma + 1;
            if (coding.isEmpty()) continue;
            if (chunked) throw Http1Exception.badRequest("chunked must be the last transfer coding");
            if (coding.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (!HeaderRules.isToken(coding.split(";", 2)[0].strip())) {
                throw Http1Exception.badRequest("malformed Transfer-Encoding");
            } else if (unsupported == null) {
                unsupported = coding;
            }
        }
        if (unsupported != null) throw new Http1Exception(501, "transfer coding '" + unsupported + "' is not implemented");
        return chunked;
    }

    private static String host(Http1Headers headers, int minor, Target target) throws Http1Exception {
        int count = headers.count("Host");
        if (count > 1) throw Http1Exception.badRequest("more than one Host header");
        if (count == 0 && minor == 1) throw Http1Exception.badRequest("HTTP/1.1 request without a Host header");
        String host = count == 1 ? headers.get("Host") : null;
        if (host != null && !isValidHost(host)) throw Http1Exception.badRequest("malformed Host header");
        return target.authority != null ? target.authority : host;
    }

    /** uri-host [ ":" port ]: reg-name, IPv4 or an IP-literal in brackets; no userinfo, no path. */
    static boolean isValidHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:[]%".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    /** RFC 9112 9.3: "close" ends it; otherwise HTTP/1.1 persists and HTTP/1.0 only with "keep-alive". Shared with the response decoder. */
    static boolean keepAlive(Http1Headers headers, int minor) {
        boolean close = false;
        boolean keepAlive = false;
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("Connection")) continue;
            for (String option : headers.value(i).split(",")) {
                String o = stripOws(option);
                if (o.equalsIgnoreCase("close")) close = true;
                else if (o.equalsIgnoreCase("keep-alive")) keepAlive = true;
            }
        }
        if (close) return false;
        return minor == 1 || keepAlive;
    }

    private static boolean expectContinue(Http1Headers headers, int minor) throws Http1Exception {
        boolean expectContinue = false;
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("Expect")) continue;
            String expect = headers.value(i);
            if (!expect.equalsIgnoreCase("100-continue")) throw new Http1Exception(417, "unsupported expectation: " + expect);
            expectContinue = true;
        }
        return expectContinue && minor == 1; // RFC 9110 10.1.1: ignore 100-continue from HTTP/1.0 clients
    }

    static String stripOws(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) a++;
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) b--;
        return s.substring(a, b);
    }

    /** The request-target split into path and query; authority set only for absolute-form. */
    record Target(String path, String query, String authority) {
        static Target parse(String method, String target) throws Http1Exception {
            char first = target.charAt(0);
            if (first == '/') return split(target, null);
            if (target.equals("*")) {
                if (!method.equals("OPTIONS")) throw Http1Exception.badRequest("asterisk-form target is only for OPTIONS");
                return new Target("", "", null);
            }
            if (method.equals("CONNECT")) throw new Http1Exception(501, "CONNECT is not supported");
            int schemeEnd = target.indexOf("://");
            if (schemeEnd > 0) {
                String scheme = target.substring(0, schemeEnd);
                if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                    throw Http1Exception.badRequest("absolute-form target with scheme " + scheme);
                }
                int authStart = schemeEnd + 3;
                int authEnd = authStart;
                while (authEnd < target.length() && "/?#".indexOf(target.charAt(authEnd)) < 0) authEnd++;
                String authority = target.substring(authStart, authEnd);
                if (authority.isEmpty() || !isValidHost(authority)) throw Http1Exception.badRequest("malformed authority in the target");
                String rest = authEnd == target.length() ? "/" : target.substring(authEnd);
                if (rest.charAt(0) == '?') rest = "/" + rest;
                return split(rest, authority);
            }
            throw Http1Exception.badRequest("request target must start with '/'");
        }

        private static Target split(String target, String authority) throws Http1Exception {
            if (target.indexOf('#') >= 0) throw Http1Exception.badRequest("fragment in the request target");
            int q = target.indexOf('?');
            if (q < 0) return new Target(target, "", authority);
            return new Target(target.substring(0, q), target.substring(q + 1), authority);
        }
    }
}
