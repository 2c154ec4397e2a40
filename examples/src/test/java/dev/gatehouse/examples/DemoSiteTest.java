package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.EnvironKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoSiteTest {
    private final Application site = DemoSite.create();

    @Test
    void theIndexLinksToEveryPartWithItsDescription() throws Exception {
        Call call = Call.run(site, Call.get("/"));
        assertThat(call.code()).isEqualTo(200);
        assertThat(call.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        for (DemoSite.Part part : DemoSite.PARTS) {
            assertThat(call.text()).contains("href=\"" + part.example().replace("&", "&amp;") + "\"", Html.escape(part.description()));
        }
    }

    @Test
    void theIndexLinksTheAccountRequestExample() throws Exception {
        Call call = Call.run(site, Call.get("/"));
        for (DemoSite.Part part : DemoSite.SUBSITES) {
            assertThat(call.text()).contains("href=\"" + part.example() + "\"", Html.escape(part.description()));
        }
        assertThat(call.text()).contains("href=\"/accounts/request\"");
    }

    @Test
    void servesTheAccountRequestFormUnderAccounts() throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-demo-accounts-");
        System.setProperty("gatehouse.accounts.db", dir.resolve("accounts.db").toString());
        try {
            Call call = Call.run(site, Call.get("/accounts/request"));
            assertThat(call.code()).isEqualTo(200);
            assertThat(call.text()).contains("<h1>Request an account</h1>", "action=\"/accounts/request\"");
            assertThat(dir.resolve("accounts.db")).exists();
        } finally {
            System.clearProperty("gatehouse.accounts.db");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void theIndexLinksStartFromWhereTheSiteIsMounted() throws Exception {
        Call call = Call.run(site, Call.get("").put(EnvironKeys.SCRIPT_NAME, "/demo"));
        assertThat(call.text()).contains("href=\"/demo/hello\"");
    }

    @Test
    void routesEachPart() throws Exception {
        assertThat(Call.run(site, Call.get("/hello")).text()).isEqualTo("Hello, world!\n");
        assertThat(Call.run(site, Call.get("/environ")).text()).contains("\"SCRIPT_NAME\": \"/environ\"", "\"PATH_INFO\": \"\"");
        assertThat(Call.run(site, Call.request("GET", "/stream", "chunks=2&size=3")).chunks).hasSize(2);
        assertThat(Call.run(site, Call.get("/form")).text()).contains("<form");
        assertThat(Call.run(site, Call.withBody(Call.request("POST", "/echo", ""), "text/plain", "hi".getBytes())).text()).isEqualTo("hi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nothing-here", "/hello/there", "/helloworld", "/form/x"})
    void answersNotFoundOutsideItsParts(String path) throws Exception {
        assertThat(Call.run(site, Call.get(path)).code()).isEqualTo(404);
    }
}
