package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Request;
import dev.gatehouse.web.templates.TemplateResult;
import dev.gatehouse.web.templates.Templates;
import dev.gatehouse.web.session.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the app's templates with what every page's layout needs: the app's base URL (so links
 * work wherever the app is mounted), the flash messages of the session, and whether an admin is
 * logged in.
 */
final class Pages {
    private final Templates templates;

    Pages(Templates templates) {
        this.templates = templates;
    }

    TemplateResult render(Request request, String template, String title, Map<String, ?> model) {
        Map<String, Object> all = new HashMap<>(model);
        Session session = Session.of(request.environ());
        all.put("base", request.url(""));
        all.put("title", title);
        all.put("flashes", session.takeFlashes());
        all.put("admin", AdminSession.isAdmin(request));
        return templates.render(template, all);
    }
}
