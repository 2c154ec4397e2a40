package dev.gatehouse.web.example;

import dev.gatehouse.api.Application;
import dev.gatehouse.web.Cookie;
import dev.gatehouse.web.Html;
import dev.gatehouse.web.NotFound;
import dev.gatehouse.web.Request;
import dev.gatehouse.web.Response;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.WebApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The small example of docs/web.md: a note list with a form, a JSON API and an upload. */
public final class Notes {
    private Notes() {
    }

    static final List<String> NOTES = new CopyOnWriteArrayList<>();

    public static Application create() {
        return new WebApp()
                .route("/", Index.class)
                .route("/notes/(\\d+)", Note.class)
                .get("/api/notes", req -> Response.json(NOTES))
                .post("/upload", req -> "got " + req.upload("file").size() + " bytes")
                .errorPage(404, (req, e) -> "<h1>No such page</h1><p>" + Html.escape(e.getMessage()) + "</p>");
    }

    /** A new instance per request. */
    public static class Index {
        public String GET(Request req) {
            StringBuilder html = new StringBuilder("<h1>Notes</h1><ul>");
            for (int i = 0; i < NOTES.size(); i++) {
                html.append("<li><a href=\"").append(req.url("/notes/" + i)).append("\">")
                        .append(Html.escape(NOTES.get(i))).append("</a></li>");
            }
            return html.append("</ul><form method=post><input name=text><button>Add</button></form>").toString();
        }

        public void POST(Request req) {
            String text = req.param("text", "").strip();
            if (!text.isEmpty()) NOTES.add(text);
            req.response().cookie(Cookie.of("last", String.valueOf(NOTES.size())));
            throw new SeeOther("/"); // relative to the app: /notes-app/ when mounted there
        }
    }

    public static class Note {
        public String GET(String id) {
            int i = Integer.parseInt(id);
            if (i >= NOTES.size()) throw new NotFound("note " + i + " does not exist");
            return "<p>" + Html.escape(NOTES.get(i)) + "</p>";
        }
    }
}
