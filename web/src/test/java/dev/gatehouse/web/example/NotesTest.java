package dev.gatehouse.web.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.web.LiveServer;
import dev.gatehouse.web.WebApp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The example of docs/web.md works as documented, mounted under a prefix. */
class NotesTest {
    @Test
    void addListShowAndMiss() throws Exception {
        Notes.NOTES.clear();
        try (LiveServer server = new LiveServer(new WebApp().mount("/notes-app", Notes.create()))) {
            HttpResponse<String> added = server.postForm("/notes-app/", "text=buy+%3Cmilk%3E");
            assertThat(added.statusCode()).isEqualTo(303);
            assertThat(added.headers().firstValue("Location")).hasValue("/notes-app/");
            assertThat(added.headers().firstValue("Set-Cookie")).hasValue("last=1; Path=/; HttpOnly");
            assertThat(server.get("/notes-app/").body()).contains("<a href=\"/notes-app/notes/0\">buy &lt;milk&gt;</a>");
            assertThat(server.get("/notes-app/notes/0").body()).isEqualTo("<p>buy &lt;milk&gt;</p>");
            assertThat(server.get("/notes-app/api/notes").body()).isEqualTo("[\"buy <milk>\"]");
            HttpResponse<String> missing = server.get("/notes-app/notes/9");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("<h1>No such page</h1><p>note 9 does not exist</p>");
        }
    }
}
