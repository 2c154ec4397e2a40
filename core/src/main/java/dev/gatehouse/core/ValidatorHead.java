package dev.gatehouse.core;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import java.util.List;

/** The {@link Validator}'s checks of the status and headers an application passes to {@code start}. */
final class ValidatorHead {
    private ValidatorHead() {
    }

    static void check(Status status, List<Header> headers, Validator validator) {
        if (status == null) throw validator.appBreach("start: the status is null");
        if (headers == null) throw validator.appBreach("start: the header list is null");
        if (status.code() < 200 || status.code() > 599) {
            throw validator.appBreach("start: " + status.code() + " is not a final status (200..599);"
                    + " interim 1xx responses are the server's business");
        }
        try {
            HeaderRules.check(status, headers);
        } catch (ContractViolationException broken) {
            throw validator.appBreach("start: " + broken.getMessage());
        }
        String length = null;
        for (Header h : headers) {
            if (h.is("Status")) {
                throw validator.appBreach("start: a Status header is CGI's way to give the status; pass the status to start");
            }
            if (h.is("Content-Length")) {
                if (length != null) throw validator.appBreach("start: more than one Content-Length header");
                length = h.value();
                if (HeaderRules.parseLength(length) < 0) {
                    throw validator.appBreach("start: Content-Length must be ASCII digits: " + HeaderRules.printable(length));
                }
            }
        }
        boolean declaredEmpty = length != null && HeaderRules.parseLength(length) == 0;
        if (!status.forbidsBody() && !declaredEmpty && Header.find(headers, "Content-Type") == null) {
            throw validator.appBreach("start: a " + status.code() + " response needs a Content-Type header"
                    + " (only 204, 304 and Content-Length: 0 responses may omit it)");
        }
    }
}
