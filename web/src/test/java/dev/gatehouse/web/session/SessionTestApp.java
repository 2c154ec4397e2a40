package dev.gatehouse.web.session;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;

/**
 * The app the session tests drive; each path does one thing to the session and answers
 * {@code n=<counter> new=<isNew> id=<id>}:
 * /get reads, /inc counts, /login regenerates, /logout invalidates, /big stores 5000 bytes,
 * /flash queues a message, /show takes the messages.
 */
final class SessionTestApp {
    private SessionTestApp() {
    }

    static Application create() {
        return (environ, startResponse) -> {
            Session s = Session.of(environ);
            String extra = "";
            switch (environ.pathInfo()) {
                case "/inc" -> s.put("n", s.getInt("n", 0) + 1);
                case "/login" -> s.regenerate();
                case "/logout" -> s.invalidate();
                case "/big" -> s.put("big", "x".repeat(5000));
                case "/flash" -> s.flash("Saved & done");
                case "/show" -> extra = " flashes=" + s.takeFlashes();
                default -> { }
            }
            String text = "n=" + s.getInt("n", 0) + " new=" + s.isNew() + " id=" + s.id() + extra;
            try {
                startResponse.start(200, Header.of("Content-Type", "text/plain"));
            } catch (SessionTooLargeException e) {
                startResponse.start(500, Header.of("Content-Type", "text/plain"));
                return Body.of(e.getMessage());
            }
            return Body.of(text);
        };
    }
}
