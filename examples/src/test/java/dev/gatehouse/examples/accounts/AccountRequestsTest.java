package dev.gatehouse.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.web.data.DataException;
import dev.gatehouse.web.data.Database;
import dev.gatehouse.web.data.Migrations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stored requests on SQLite: the database itself refuses what the form's checks refuse, whatever races past them. */
class AccountRequestsTest {
    private TempDir dir;
    private Database db;
    private AccountRequests requests;

    @BeforeEach
    void open() throws Exception {
        dir = TempDir.create();
        db = Database.open("jdbc:sqlite:" + dir.resolve("accounts.db"));
        Migrations.fromClasspath(AccountsApp.MIGRATIONS, AccountsApp.class.getClassLoader()).migrate(db);
        requests = new AccountRequests(db, Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        dir.close();
    }

    private static NewAccountRequest ada(String login, String email) {
        return new NewAccountRequest("Ada Lovelace", login, email, "Notes on the analytical engine", null);
    }

    @Test
    void aLiveLoginOrEmailCannotBeStoredTwiceEvenPastTheFormsCheck() {
        requests.add(ada("ada", "ada@example.org"));
        assertThatThrownBy(() -> requests.add(ada("ada", "other@example.org")))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.isConstraintViolation()).isTrue());
        assertThatThrownBy(() -> requests.add(ada("lovelace", "ADA@EXAMPLE.ORG")))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.isConstraintViolation()).isTrue());
        assertThat(requests.loginTaken("ada")).isTrue();
        assertThat(requests.emailTaken("Ada@Example.Org")).isTrue();
    }

    @Test
    void aRejectedRequestFreesItsLoginAndEmailAndADecisionIsMadeOnce() {
        long id = requests.add(ada("ada", "ada@example.org"));
        assertThat(requests.decide(id, AccountRequests.REJECTED, "admin")).isTrue();
        assertThat(requests.decide(id, AccountRequests.APPROVED, "admin")).isFalse();
        assertThat(requests.loginTaken("ada")).isFalse();
        long again = requests.add(ada("ada", "ada@example.org"));
        assertThat(requests.decide(again, AccountRequests.APPROVED, "admin")).isTrue();
        assertThat(requests.isApprovedAccount("ada")).isTrue();
        assertThat(requests.approvedLogins()).containsExactly("ada");
        assertThat(requests.pending()).isEmpty();
        assertThat(requests.decided()).extracting(AccountRequest::status).containsExactlyInAnyOrder("approved", "rejected");
        assertThat(requests.decided().getFirst().decidedAt()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void everyProcessOnTheDatabaseGetsTheSameSessionKey() {
        byte[] first = new AppSecrets(db).sessionKey();
        try (Database second = Database.open("jdbc:sqlite:" + dir.resolve("accounts.db"))) {
            assertThat(new AppSecrets(second).sessionKey()).hasSize(32).isEqualTo(first);
        }
    }
}
