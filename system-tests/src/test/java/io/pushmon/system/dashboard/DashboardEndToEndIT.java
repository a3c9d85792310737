package io.pushmon.system.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.pushmon.system.LocalMail;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver;
import io.pushmon.system.browser.AxeCheck;
import io.pushmon.system.browser.Browser;

/**
 * The dashboard as a user meets it: headless Chromium against the packaged services on a real broker, two
 * gateways, mail to a real SMTP server in this JVM and webhooks to a local receiver. The browser only ever talks
 * to gateway 0 while the job's pushes (real curl) go to gateway 1, so the live updates are shown to cross
 * gateways. The steps build on each other, in order; the last ones check every page for accessibility and
 * save the README's screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardEndToEndIT {

    private static final String SECRET = "dashboard-test-session-secret-of-both-gateways";
    private static final String PASSWORD = "a long enough password";
    private static final Pattern LINK = Pattern.compile("(http://[^\\s]+/(?:verify|invite)\\?token=pmt_[A-Za-z0-9_-]+)");
    private static final int TIMEOUT_SECONDS = 4;
    /** The promise: a change of status on an open overview within 2 s, without a reload. */
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(2);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalMail mail;
    private static PushmonSystem system;
    private static WebhookReceiver receiver;
    private static Browser browser;
    private static String email;
    private static String monitorId;
    private static String pushUrl;
    private static String channelId;

    @BeforeAll
    static void start() {
        mail = LocalMail.start();
        receiver = WebhookReceiver.start();
        system = mail.gatewaysSendHere(PushmonSystem.builder().instances(Component.GATEWAY, 2)
                .setting(Component.GATEWAY, "pushmon.accounts.session-secret", SECRET)).start();
        browser = Browser.desktop();
        email = "dash-" + System.nanoTime() + "@example.org";
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    @Order(1)
    void aNewUserSignsUpVerifiesFromTheMailAndSignsIn() {
        open("/signup");
        type("email", email);
        type("password", PASSWORD);
        type("tenantName", "Night jobs");
        submit();
        assertThat(browser.waitFor(By.cssSelector("p.done")).getText()).contains("We sent a link");

        browser.open(link(mail.awaitMail(email, "Verify")));
        click(By.xpath("//button[normalize-space()='Verify my address']"));
        await().atMost(Duration.ofSeconds(20)).until(() -> url().contains("/signin?verified=1"));

        type("email", email);
        type("password", PASSWORD);
        submit();
        await().atMost(Duration.ofSeconds(20)).until(() -> url().endsWith("/app"));
        assertThat(text(By.cssSelector("section.empty h2"))).isEqualTo("No monitors yet");
        assertThat(text(By.cssSelector(".who .tenant"))).isEqualTo("Night jobs");
    }

    @Test
    @Order(2)
    void aWebhookChannelAndAMonitorAreMadeWithTheForms() {
        open("/app/channels");
        type("channel-name", "ops webhook");
        new Select(browser.driver().findElement(By.id("channel-type"))).selectByValue("webhook");
        type("webhook-url", receiver.url("/hooks/dashboard"));
        submit();
        // A signed channel's secret is shown once, then the user moves on to the channel's page.
        assertThat(browser.waitFor(By.id("new-key-value")).getDomProperty("value")).startsWith("whsec_");
        click(By.cssSelector("#new-key a.continue"));
        await().atMost(Duration.ofSeconds(10)).until(() -> url().contains("/app/channels/"));
        channelId = url().substring(url().lastIndexOf('/') + 1);

        open("/app/monitors/new");
        type("name", "nightly backup");
        WebElement timeout = browser.driver().findElement(By.id("timeoutSeconds"));
        timeout.clear();
        timeout.sendKeys(Integer.toString(TIMEOUT_SECONDS));
        WebElement grace = browser.driver().findElement(By.id("graceSeconds"));
        grace.clear();
        grace.sendKeys("0");
        type("tags", "db, eu-west");
        click(By.id("ch-" + channelId));
        submit();
        await().atMost(Duration.ofSeconds(10)).until(() -> url().matches(".*/app/monitors/[^/]+$")
                && !url().endsWith("/new"));
        monitorId = url().substring(url().lastIndexOf('/') + 1);
        pushUrl = browser.waitFor(By.id("push-url")).getDomProperty("value");
        assertThat(pushUrl).startsWith(system.url(Component.GATEWAY, 0) + "/api/push/");
        assertThat(text(By.cssSelector("dl.settings"))).contains("a push at least every 4 seconds", "db, eu-west",
                "ops webhook (webhook)");
        click(By.id("tab-python"));
        assertThat(browser.waitFor(By.id("code-python")).getText()).contains("requests.post(\"" + pushUrl + "\"");
    }

    @Test
    @Order(3)
    void theOverviewFollowsPushesAndTheSilenceAfterThemWithoutAReload() throws Exception {
        open("/app");
        assertThat(rowStatus()).isEqualTo("new");
        browser.script("window.pushmonNotReloaded = true;");

        Instant pushed = Instant.now();
        curl(onOtherGateway(pushUrl) + "?msg=backup%20done&value=42");
        await().atMost(LIVE_WITHIN.plusSeconds(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> "up".equals(rowStatus()));
        Duration tookUp = Duration.between(pushed, Instant.now());

        // Silence: down at the deadline, shown at the top of the open page, still without a reload.
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS + 8)).pollInterval(Duration.ofMillis(100))
                .until(() -> "down".equals(rowStatus()));
        Duration tookDown = Duration.between(pushed.plusSeconds(TIMEOUT_SECONDS), Instant.now());
        assertThat(browser.script("return window.pushmonNotReloaded === true")).isEqualTo(true);
        assertThat(text(By.cssSelector("table.monitors tbody tr:first-child td:nth-child(2) a")))
                .isEqualTo("nightly backup");
        assertThat(text(By.cssSelector("[data-count=down]"))).isEqualTo("1");
        System.out.printf("dashboard live: up shown %d ms after the push, down %d ms after the deadline%n",
                tookUp.toMillis(), tookDown.toMillis());
        assertThat(tookUp).isLessThanOrEqualTo(LIVE_WITHIN.plusSeconds(1));
        browser.screenshot(Browser.screenshotsDir().resolve("overview-down.png"));
    }

    @Test
    @Order(4)
    void theMonitorPageListsTheWebhookDeliveryAndThenTheRecovery() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count("/hooks/dashboard") >= 1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            open("/app/monitors/" + monitorId);
            return !browser.driver().findElements(By.cssSelector("#deliveries tbody tr")).isEmpty();
        });
        assertThat(text(By.cssSelector("#deliveries tbody tr:first-child"))).contains("down", "ops webhook",
                "delivered");
        assertThat(text(By.id("timeline"))).contains("#1 down", "timeout", "still down");
        assertThat(text(By.cssSelector("#signals tbody tr:first-child"))).contains("backup done", "42");

        open("/app");
        browser.script("window.pushmonNotReloaded = true;");
        curl(onOtherGateway(pushUrl) + "?msg=back&value=43");
        await().atMost(LIVE_WITHIN.plusSeconds(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> "up".equals(rowStatus()));
        assertThat(browser.script("return window.pushmonNotReloaded === true")).isEqualTo(true);

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count("/hooks/dashboard") >= 2);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            open("/app/monitors/" + monitorId);
            return browser.driver().findElements(By.cssSelector("#deliveries tbody tr")).size() >= 2
                    && text(By.id("timeline")).contains("recovered");
        });
        assertThat(text(By.cssSelector("#deliveries tbody tr:first-child"))).contains("up", "delivered");
        // Two values make a chart of them.
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart circle"))).hasSize(2);
        browser.screenshot(Browser.screenshotsDir().resolve("monitor.png"));
    }

    @Test
    @Order(5)
    void anInvitedMemberAcceptsFromTheMailAndSeesTheTenantsMonitors() {
        open("/app/members");
        String invitee = "invitee-" + System.nanoTime() + "@example.org";
        type("invite-email", invitee);
        new Select(browser.driver().findElement(By.id("invite-role"))).selectByValue("read-only");
        submit();
        // The form reloads the page: the old document's elements go stale meanwhile.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> text(By.id("invitations")).contains(invitee));

        try (Browser other = Browser.desktop()) {
            other.open(link(mail.awaitMail(invitee, "invited")));
            other.driver().findElement(By.id("password")).sendKeys(PASSWORD);
            other.driver().findElement(By.cssSelector("form[data-api] button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> other.driver().getCurrentUrl().contains("/signin"));
            other.driver().findElement(By.id("email")).sendKeys(invitee);
            other.driver().findElement(By.id("password")).sendKeys(PASSWORD);
            other.driver().findElement(By.cssSelector("form[data-api] button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> other.driver().getCurrentUrl().endsWith("/app"));
            assertThat(other.driver().findElement(By.cssSelector("table.monitors")).getText())
                    .contains("nightly backup");
            // A read-only member gets no controls that would change anything.
            assertThat(other.driver().findElements(By.linkText("New monitor"))).isEmpty();
        }
    }

    @Test
    @Order(6)
    void anApiKeyIsShownOnceAndListedAfterwards() {
        open("/app/keys");
        click(By.id("readOnly"));
        submit();
        String key = browser.waitFor(By.id("new-key-value")).getDomProperty("value");
        assertThat(key).startsWith("pmk_");
        open("/app/keys");
        assertThat(text(By.id("keys"))).contains("read-only").doesNotContain(key);
    }

    @Test
    @Order(7)
    void everyPageHasNoSeriousAccessibilityViolationAndNoScriptError() {
        List<String> pages = List.of("/app", "/app?tag=db", "/app/monitors/" + monitorId,
                "/app/monitors/" + monitorId + "/edit", "/app/monitors/new", "/app/channels",
                "/app/channels/" + channelId, "/app/keys", "/app/members", "/app/settings");
        for (String page : pages) {
            checkPage(browser, page);
        }
        try (Browser guest = Browser.desktop()) {
            for (String page : List.of("/signin", "/signup", "/forgot-password", "/verify?token=pmt_x",
                    "/reset-password?token=pmt_x", "/invite?token=pmt_x")) {
                checkPage(guest, page);
            }
            guest.open(system.url(Component.GATEWAY, 0) + "/signin");
            guest.screenshot(Browser.screenshotsDir().resolve("signin.png"));
        }
    }

    @Test
    @Order(8)
    void onAPhoneTheOverviewFitsTheScreen() {
        try (Browser phone = Browser.phone()) {
            phone.open(system.url(Component.GATEWAY, 0) + "/signin");
            phone.driver().findElement(By.id("email")).sendKeys(email);
            phone.driver().findElement(By.id("password")).sendKeys(PASSWORD);
            phone.driver().findElement(By.cssSelector("form[data-api] button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> phone.driver().getCurrentUrl().endsWith("/app"));
            phone.waitFor(By.cssSelector("table.monitors"));
            Object overflow = phone.script("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
            AxeCheck.of(phone).assertNoSeriousViolations("overview on a phone");
            phone.screenshot(Browser.screenshotsDir().resolve("overview-phone.png"));
            phone.open(system.url(Component.GATEWAY, 0) + "/app/monitors/" + monitorId);
            overflow = phone.script("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as("monitor page overflow in px").isLessThanOrEqualTo(0);
        }
    }

    @Test
    @Order(9)
    void theChannelPageListsItsDeliveriesAndATestReachesTheReceiver() {
        open("/app/channels/" + channelId);
        assertThat(text(By.id("channel-deliveries"))).contains("nightly backup", "delivered");
        long before = receiver.count("/hooks/dashboard");
        click(By.xpath("//button[normalize-space()='Send a test']"));
        await().atMost(Duration.ofSeconds(15)).until(() -> text(By.id("action-done")).contains("Test delivered"));
        assertThat(receiver.count("/hooks/dashboard")).isEqualTo(before + 1);
        browser.screenshot(Browser.screenshotsDir().resolve("channel.png"));
    }

    @Test
    @Order(10)
    void aBusierOverviewForTheReadme() throws Exception {
        String session = browser.driver().manage().getCookieNamed("pushmon_session").getValue();
        String[][] jobs = { { "db-replica-lag", "60", "db" }, { "invoice-export", "3600", "billing" },
            { "queue-worker", "30", "eu-west" }, { "search-reindex", "86400", "search" },
            { "thumbnail-cleanup", "600", "eu-west" } };
        for (String[] job : jobs) {
            String created = api("POST", "/api/monitors", "{\"name\":\"" + job[0] + "\",\"timeoutSeconds\":" + job[1]
                    + ",\"tags\":[\"" + job[2] + "\"]}", session);
            String url = created.replaceAll("(?s).*\"pushUrl\":\"([^\"]+)\".*", "$1");
            for (int value = 1; value <= 6; value++) {
                curl(url + "?value=" + (value * 7 % 11 + value) + "&msg=ok");
                // The free plan takes 20 pushes a second for the tenant.
                Thread.sleep(100);
            }
            if (job[0].equals("invoice-export")) {
                curl(url + "?status=down&msg=export%20failed%3A%20disk%20full");
            }
        }
        open("/app");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.driver()
                .findElements(By.cssSelector("table.monitors svg.spark")).size() >= 5);
        browser.screenshot(Browser.screenshotsDir().resolve("overview.png"));
        open("/app/settings");
        browser.screenshot(Browser.screenshotsDir().resolve("settings.png"));
    }

    @Test
    @Order(11)
    void aStatusPageIsPublishedFromTheSettingsAndABadgeShowsTheMonitorsStatus() {
        open("/app/settings");
        click(By.id("sp-enabled"));
        type("sp-slug", "night-jobs");
        type("sp-title", "Night jobs status");
        click(By.id("sp-" + monitorId));
        browser.driver().findElement(By.xpath("//button[normalize-space()='Save the status page']")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> text(By.id("status-page-h")).length() > 0 && browser.driver()
                        .findElements(By.cssSelector("a[href$='/status/night-jobs']")).size() == 1);
        String badge = browser.driver().findElement(By.xpath("//table[@id='badges']//tr[td[1][normalize-space()="
                + "'nightly backup']]//a[normalize-space()='SVG']")).getDomAttribute("href");

        try (Browser guest = Browser.desktop()) {
            checkPage(guest, "/status/night-jobs");
            assertThat(guest.driver().findElement(By.tagName("body")).getText()).contains("Night jobs status",
                    "nightly backup");
            guest.screenshot(Browser.screenshotsDir().resolve("status-page.png"));
            guest.open(badge.startsWith("http") ? badge : system.url(Component.GATEWAY, 0) + badge);
            // Nothing has pushed since the recovery, so the 4-second monitor is down again by now.
            assertThat(guest.driver().getPageSource()).contains("<svg", ">down<");
        }
    }

    private static String api(String method, String path, String json, String session)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.url(Component.GATEWAY, 0) + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + session)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isBetween(200, 299);
        return answer.body();
    }

    private static void checkPage(Browser on, String page) {
        on.clearConsoleErrors();
        on.open(system.url(Component.GATEWAY, 0) + page);
        on.waitFor(By.tagName("main"));
        AxeCheck.of(on).assertNoSeriousViolations(page);
        on.assertNoConsoleErrors();
    }

    private static String rowStatus() {
        return browser.driver().findElement(By.cssSelector("tr[data-id='" + monitorId + "']"))
                .getDomAttribute("data-status");
    }

    /** The same URL on gateway 1: the job pushes through the other gateway than the one the browser reads. */
    private static String onOtherGateway(String url) {
        return url.replace(system.url(Component.GATEWAY, 0), system.url(Component.GATEWAY, 1));
    }

    private static void curl(String url) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-fsS", "-m", "10", "-X", "POST", url).redirectErrorStream(true)
                .start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as("curl: %s", output).isZero();
    }

    private static void open(String path) {
        browser.open(system.url(Component.GATEWAY, 0) + path);
        browser.waitFor(By.tagName("main"));
    }

    private static void type(String id, String text) {
        WebElement field = browser.waitFor(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void submit() {
        browser.driver().findElement(By.cssSelector("main form[data-api] button[type=submit]")).click();
    }

    private static void click(By by) {
        browser.waitFor(by).click();
    }

    private static String text(By by) {
        return browser.waitFor(by).getText();
    }

    private static String url() {
        return browser.driver().getCurrentUrl();
    }

    private static String link(String mail) {
        Matcher matcher = LINK.matcher(mail);
        assertThat(matcher.find()).as("a link in %s", mail).isTrue();
        return URI.create(matcher.group(1)).toString();
    }
}
