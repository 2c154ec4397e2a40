package dev.gatehouse.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account app driven by a real headless Chromium, as a person would use it: the form filled
 * wrong and its errors read beside each field, fixed and sent, the request approved by the admin,
 * and a second request for the same login refused. A screenshot of each step goes to
 * {@code target/screenshots/}. Debian's chromium and chromium-driver are used, through the paths
 * below; Selenium never looks for (or downloads) a driver of its own.
 */
class AccountsBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "browser-admin-password";
    private static final String REASON = "I keep the gateway's documentation and need to publish the manuals.";

    private static TempDir data;
    private static TempDir profile;
    private static AccountsApp app;
    private static Http1Server server;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        PeerProcess.require(CHROMIUM, "apt-get install chromium chromium-driver");
        PeerProcess.require(CHROMEDRIVER, "apt-get install chromium chromium-driver");
        data = TempDir.create();
        profile = TempDir.create();
        app = AccountsApp.create(new AccountsSettings(data.resolve("accounts.db"), PASSWORD, null));
        server = new Http1Server(UrlMap.builder().mount("/accounts", app).build(), Http1Config.defaults())
                .listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        base = "http://127.0.0.1:" + server.addresses().getFirst().port() + "/accounts";
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling home, which a closed network answers with timeouts.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,1000", "--user-data-dir=" + profile.path());
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) browser.quit();
        } finally {
            try {
                if (server != null) server.shutdown();
                if (app != null) app.close();
            } finally {
                if (data != null) data.close();
                if (profile != null) profile.close();
            }
        }
    }

    @Test
    void aRequestGoesFromWrongToFixedToApprovedAndItsLoginCannotBeRequestedAgain() throws Exception {
        browser.get(base + "/request");
        assertThat(browser.getTitle()).isEqualTo("Request an account - Gatehouse accounts");

        // Field level: each error beside its field. The address passes the browser's own check but not the app's.
        fill(Map.of("name", "", "login", "Grace H", "email", "grace@localhost", "reason", "short", "sponsor", ""));
        send();
        assertThat(errorBeside("name")).isEqualTo("Required");
        assertThat(errorBeside("login")).isEqualTo(RequestForm.LOGIN_RULE);
        assertThat(errorBeside("email")).isEqualTo("Not a valid email address");
        assertThat(errorBeside("reason")).isEqualTo("Between 10 and 2000 characters");
        assertThat(browser.findElements(By.id("sponsor-error"))).isEmpty();
        assertThat(field("login").getDomProperty("value")).isEqualTo("Grace H");
        screenshot("01-field-errors");

        // Across fields: nobody sponsors themselves; without a sponsor, say more.
        fill(Map.of("name", "Grace Hopper", "login", "grace", "email", "grace@example.org", "reason", "Compilers, mostly", "sponsor", "grace"));
        send();
        assertThat(errorBeside("sponsor")).isEqualTo(RequestForm.SELF_SPONSOR);
        assertThat(browser.findElements(By.id("reason-error"))).isEmpty();
        screenshot("02-self-sponsored");
        fill(Map.of("sponsor", ""));
        send();
        assertThat(errorBeside("reason")).isEqualTo(RequestForm.SHORT_REASON);
        assertThat(field("name").getDomProperty("value")).isEqualTo("Grace Hopper");
        screenshot("03-reason-too-short");

        fill(Map.of("reason", REASON));
        send();
        waitForTitle("Request received");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/thanks");
        assertThat(browser.findElement(By.cssSelector("p.flash")).getText())
                .isEqualTo("Thank you, Grace Hopper: your request for the login grace is waiting for approval.");
        screenshot("04-thank-you");

        browser.get(base + "/admin");
        waitForTitle("Admin login");
        field("password").sendKeys(PASSWORD);
        send();
        waitForTitle("Account requests");
        WebElement pending = browser.findElement(By.id("pending"));
        assertThat(pending.findElement(By.cssSelector("td.login")).getText()).isEqualTo("grace");
        screenshot("05-admin-pending");
        pending.findElement(By.cssSelector("button.approve")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("no-pending")));
        WebElement decided = browser.findElement(By.id("decided"));
        assertThat(decided.findElement(By.cssSelector("td.login")).getText()).isEqualTo("grace");
        assertThat(decided.findElement(By.cssSelector("td.status")).getText()).isEqualTo("approved");
        screenshot("06-approved");

        browser.get(base + "/request");
        fill(Map.of("name", "Grace B. Hopper", "login", "grace", "email", "hopper@example.org", "reason", REASON, "sponsor", ""));
        send();
        assertThat(errorBeside("login")).isEqualTo(RequestForm.LOGIN_TAKEN);
        screenshot("07-duplicate-login");
    }

    private static WebElement field(String name) {
        return browser.findElement(By.id(name));
    }

    private static void fill(Map<String, String> values) {
        values.forEach((name, value) -> {
            WebElement f = field(name);
            f.clear();
            if (!value.isEmpty()) f.sendKeys(value);
        });
    }

    /** Clicks the form's submit button and waits for the page it loads. */
    private static void send() {
        WebElement button = browser.findElement(By.cssSelector("form button[type=submit]"));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(button));
    }

    private static void waitForTitle(String title) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.titleIs(title + " - Gatehouse accounts"));
    }

    /** The error shown right after the field's control, in the same cell. */
    private static String errorBeside(String name) {
        return browser.findElement(By.cssSelector("#" + name + " + strong.wrong")).getText();
    }

    private static void screenshot(String name) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
