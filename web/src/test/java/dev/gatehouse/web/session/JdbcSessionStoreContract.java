package dev.gatehouse.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side sessions in a database, through Http1Server and a cookie-jar client; run once per
 * database (SQLite, PostgreSQL). Each test has a table of its own.
 */
abstract class JdbcSessionStoreContract {
    private static final Duration MAX_AGE = Duration.ofHours(2);
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final MutableClock clock = new MutableClock();
    private final String table = "sessions_" + TABLES.incrementAndGet();
    private DataSource db;
    private JdbcSessionStore store;
    private TestServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        db = database();
        store = new JdbcSessionStore(db, table, clock);
        SessionConfig config = SessionConfig.defaults().withMaxAge(MAX_AGE).withClock(clock);
        server = new TestServer(Sessions.stored(store, config).wrap(SessionTestApp.create()));
        browser = new Browser(server);
    }

    /** An empty database to keep sessions in. */
    abstract DataSource database() throws Exception;

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void persistsAcrossRequestsWithOnlyTheIdInTheCookie() throws Exception {
        browser.get("/inc");
        assertThat(browser.get("/inc").body()).startsWith("n=2 new=false");
        String id = browser.cookie("gh_session");
        assertThat(id).hasSize(SessionIds.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(rows()).isEqualTo(1);
        assertThat(store.load(id).data()).containsEntry("n", "2");
    }

    @Test
    void createsItsTableOnlyIfAbsent() throws Exception {
        browser.get("/inc");
        new JdbcSessionStore(db, table, clock);
        assertThat(browser.get("/get").body()).startsWith("n=1 new=false");
    }

    @Test
    void unknownIdGivesNewSession() throws Exception {
        browser.setCookie("gh_session", SessionIds.newId());
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
        browser.setCookie("gh_session", "'; DROP TABLE " + table + "; --");
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
    }

    @Test
    void idleSessionExpiresAndIsPurged() throws Exception {
        browser.get("/inc");
        clock.advance(MAX_AGE.plusSeconds(1));
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
        assertThat(store.purgeExpired()).isEqualTo(1);
        assertThat(rows()).isZero();
    }

    @Test
    void useKeepsTheSessionAlive() throws Exception {
        browser.get("/inc");
        clock.advance(Duration.ofMinutes(61)); // past half of the two hours: the expiry moves on
        assertThat(browser.get("/get").headers().firstValue("Set-Cookie")).isPresent();
        clock.advance(Duration.ofMinutes(61)); // 122 minutes after the first visit, 61 after the last
        assertThat(browser.get("/get").body()).startsWith("n=1 new=false");
    }

    @Test
    void regenerateChangesTheIdAndForgetsTheOldOne() throws Exception {
        browser.get("/inc");
        String oldId = browser.cookie("gh_session");
        browser.get("/login");
        String newId = browser.cookie("gh_session");
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(store.load(oldId)).isNull();
        assertThat(browser.get("/get").body()).isEqualTo("n=1 new=false id=" + newId);
        browser.setCookie("gh_session", oldId);
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
    }

    @Test
    void invalidateDeletesTheRow() throws Exception {
        browser.get("/inc");
        browser.get("/logout");
        assertThat(rows()).isZero();
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
    }

    @Test
    void largeSessionsFitOnTheServer() throws Exception {
        assertThat(browser.get("/big").statusCode()).isEqualTo(200);
        assertThat(store.load(browser.cookie("gh_session")).data().get("big")).hasSize(5000);
    }

    private int rows() throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
