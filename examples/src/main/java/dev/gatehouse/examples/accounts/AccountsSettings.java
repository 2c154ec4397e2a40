package dev.gatehouse.examples.accounts;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the account request app keeps its data and how its admin logs in. Each setting comes from
 * a system property, else an environment variable, else its default:
 *
 * <table>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>gatehouse.accounts.db</td><td>GATEHOUSE_ACCOUNTS_DB</td><td>{@code <java.io.tmpdir>/gatehouse-accounts-<user>/accounts.db}</td></tr>
 * <tr><td>gatehouse.accounts.admin-password</td><td>GATEHOUSE_ACCOUNTS_ADMIN_PASSWORD</td><td>{@value #DEMO_PASSWORD} (a demo: set your own)</td></tr>
 * <tr><td>gatehouse.accounts.secret</td><td>GATEHOUSE_ACCOUNTS_SECRET</td><td>none: a random key, made once and kept in the database</td></tr>
 * </table>
 *
 * @param database      the SQLite file (its directory is created if missing)
 * @param adminPassword what the admin types on the login page
 * @param sessionSecret the key that signs session cookies (32 characters or more), or null to use the database's
 */
public record AccountsSettings(Path database, String adminPassword, String sessionSecret) {
    public static final String DEMO_PASSWORD = "demo-admin";
    static final int MIN_SECRET_CHARS = 32;

    public AccountsSettings {
        Objects.requireNonNull(database, "database");
        if (adminPassword == null || adminPassword.isEmpty()) throw new IllegalArgumentException("the admin password must not be empty");
        if (sessionSecret != null && sessionSecret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("the session secret must have at least " + MIN_SECRET_CHARS + " characters");
        }
    }

    /** The settings of this process: system properties, then environment variables, then defaults. */
    public static AccountsSettings fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    static AccountsSettings from(Function<String, String> properties, Function<String, String> environment) {
        String db = setting(properties, environment, "gatehouse.accounts.db", "GATEHOUSE_ACCOUNTS_DB");
        String password = setting(properties, environment, "gatehouse.accounts.admin-password", "GATEHOUSE_ACCOUNTS_ADMIN_PASSWORD");
        String secret = setting(properties, environment, "gatehouse.accounts.secret", "GATEHOUSE_ACCOUNTS_SECRET");
        return new AccountsSettings(db == null ? defaultDatabase() : Path.of(db), password == null ? DEMO_PASSWORD : password, secret);
    }

    /** The property, else the variable; null when neither is set (an empty value counts as unset). */
    private static String setting(Function<String, String> properties, Function<String, String> environment, String property, String variable) {
        String v = properties.apply(property);
        if (v == null || v.isEmpty()) v = environment.apply(variable);
        return v == null || v.isEmpty() ? null : v;
    }

    /** A file under the temp directory, one per user: the demo works anywhere without setup. */
    static Path defaultDatabase() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-accounts-" + user, "accounts.db");
    }

    /** True when the admin password is the documented demo one. */
    public boolean demoPassword() {
        return adminPassword.equals(DEMO_PASSWORD);
    }

    /** The same settings with another database file (tests, several instances). */
    public AccountsSettings withDatabase(Path file) {
        return new AccountsSettings(file, adminPassword, sessionSecret);
    }

    @Override
    public String toString() {
        return "AccountsSettings[database=" + database + ", adminPassword=(hidden), sessionSecret=" + (sessionSecret == null ? "(from the database)" : "(set)") + "]";
    }
}
