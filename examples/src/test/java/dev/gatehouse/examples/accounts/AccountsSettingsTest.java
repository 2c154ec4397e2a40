package dev.gatehouse.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountsSettingsTest {
    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        AccountsSettings s = AccountsSettings.from(
                Map.of("gatehouse.accounts.db", "/srv/a.db", "gatehouse.accounts.admin-password", "from-property")::get,
                Map.of("GATEHOUSE_ACCOUNTS_DB", "/env/a.db", "GATEHOUSE_ACCOUNTS_ADMIN_PASSWORD", "from-env",
                        "GATEHOUSE_ACCOUNTS_SECRET", "s".repeat(32))::get);
        assertThat(s.database()).isEqualTo(Path.of("/srv/a.db"));
        assertThat(s.adminPassword()).isEqualTo("from-property");
        assertThat(s.sessionSecret()).isEqualTo("s".repeat(32));
        assertThat(s.demoPassword()).isFalse();
    }

    @Test
    void withNothingSetTheDemoDefaultsApply() {
        AccountsSettings s = AccountsSettings.from(Map.<String, String>of()::get, Map.of("GATEHOUSE_ACCOUNTS_DB", "")::get);
        assertThat(s.database()).isEqualTo(AccountsSettings.defaultDatabase());
        assertThat(s.database().toString()).startsWith(System.getProperty("java.io.tmpdir")).endsWith("accounts.db");
        assertThat(s.adminPassword()).isEqualTo(AccountsSettings.DEMO_PASSWORD);
        assertThat(s.demoPassword()).isTrue();
        assertThat(s.sessionSecret()).isNull();
        assertThat(s.toString()).doesNotContain(AccountsSettings.DEMO_PASSWORD);
    }

    @Test
    void aShortSecretIsRefusedNamingTheMinimum() {
        assertThatThrownBy(() -> new AccountsSettings(Path.of("a.db"), "pw", "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 characters");
    }
}
