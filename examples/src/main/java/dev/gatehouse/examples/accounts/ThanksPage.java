package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Request;
import java.util.Map;

/** {@code /thanks}: where a stored request lands; the flash message names it. */
public final class ThanksPage {
    private final Pages pages;

    ThanksPage(Pages pages) {
        this.pages = pages;
    }

    public Object GET(Request request) {
        return pages.render(request, "thanks.peb", "Request received", Map.of());
    }
}
