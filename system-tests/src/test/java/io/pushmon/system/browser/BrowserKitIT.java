package io.pushmon.system.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.sun.net.httpserver.HttpServer;

/**
 * The browser kit against pages that are known to pass or fail: served from a JDK HTTP server on a free
 * loopback port, no pushmon process needed. One desktop browser for the class (and one phone-sized one in its
 * test), since each start costs seconds.
 */
class BrowserKitIT {

    private static final String HEAD = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <link rel="icon" href="data:,">
              <title>%s</title>
            </head>
            """;

    // A labelled form, an image with its text, dark grey on white (contrast 16:1).
    private static final String GOOD = HEAD.formatted("Monitors") + """
            <body style="color: #222; background: #fff; font: 16px sans-serif">
              <main>
                <h1>Monitors</h1>
                <form>
                  <label for="name">Monitor name</label>
                  <input id="name" name="name" type="text">
                  <button type="submit">Create</button>
                </form>
                <img id="status" alt="All monitors up" width="16" height="16" src="/dot.svg">
                <p id="ready">All monitors are up.</p>
              </main>
            </body>
            </html>
            """;

    // Every flaw the check must name: an input nobody labelled, an image with no text, light grey on white (1.9:1).
    private static final String BAD = HEAD.formatted("Broken monitors") + """
            <body style="color: #222; background: #fff; font: 16px sans-serif">
              <main>
                <h1>Monitors</h1>
                <form>
                  <input id="search" name="q" type="text">
                </form>
                <img id="logo" width="16" height="16" src="/dot.svg">
                <p id="faint" style="color: #bbb">Last push 3 minutes ago.</p>
              </main>
            </body>
            </html>
            """;

    private static final String SCRIPT_ERROR = HEAD.formatted("Script error") + """
            <body>
              <main><h1>Dashboard</h1></main>
              <script>throw new Error("dashboard script broke");</script>
            </body>
            </html>
            """;

    // No icon link: Chromium asks for /favicon.ico by itself, which is not the page's error; the fetch's 404 is.
    private static final String MISSING_RESOURCE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Missing data</title></head>
            <body>
              <main><h1>Dashboard</h1></main>
              <script>fetch("/api/missing.json");</script>
            </body>
            </html>
            """;

    private static final String DOT = """
            <svg xmlns="http://www.w3.org/2000/svg" width="16" height="16">
              <circle cx="8" cy="8" r="8" fill="green"/>
            </svg>
            """;

    private static final Set<String> requested = ConcurrentHashMap.newKeySet();
    private static HttpServer server;
    private static String base;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String> pages = Map.of("/good.html", GOOD, "/bad.html", BAD, "/error.html", SCRIPT_ERROR,
                "/missing-resource.html", MISSING_RESOURCE, "/dot.svg", DOT);
        server.createContext("/", exchange -> { // anything else: 404
            requested.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        pages.forEach((path, text) ->
                server.createContext(path, exchange -> {
                    byte[] body = text.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type",
                            path.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                }));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        browser = Browser.desktop();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void freshConsole() {
        browser.clearConsoleErrors();
    }

    @Test
    void aGoodPageHasNoSeriousViolationsAndNoConsoleErrors() {
        browser.open(base + "/good.html");
        assertThat(browser.waitFor(By.id("ready"), Duration.ofSeconds(10)).getText()).isEqualTo("All monitors are up.");

        AxeCheck.of(browser).assertNoSeriousViolations("good page");
        assertThat(AxeCheck.of(browser).withBestPractices().seriousViolations()).isEmpty();
        browser.assertNoConsoleErrors();
    }

    @Test
    void aBadPageFailsWithEachBrokenRuleAndItsNodes() {
        browser.open(base + "/bad.html");
        AxeCheck axe = AxeCheck.of(browser);

        assertThat(axe.seriousViolations())
                .extracting(AxeCheck.Violation::id)
                .containsExactlyInAnyOrder("label", "image-alt", "color-contrast");
        assertThat(axe.violations())
                .filteredOn(v -> v.id().equals("color-contrast"))
                .singleElement()
                .satisfies(v -> assertThat(v.targets()).containsExactly("#faint"));
        assertThatThrownBy(() -> axe.assertNoSeriousViolations("bad page"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("bad page")
                .hasMessageContaining("- label [critical] Form elements must have labels")
                .hasMessageContaining("#search")
                .hasMessageContaining("- image-alt [critical] Images must have alternative text")
                .hasMessageContaining("#logo")
                .hasMessageContaining(
                        "- color-contrast [serious] Elements must meet minimum color contrast ratio thresholds")
                .hasMessageContaining("#faint");
    }

    @Test
    void aScriptErrorFailsTheConsoleCheck() {
        browser.open(base + "/error.html");

        assertThat(browser.consoleErrors()).singleElement().asString()
                .contains("Uncaught Error: dashboard script broke");
        assertThatThrownBy(browser::assertNoConsoleErrors)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 browser console error(s)")
                .hasMessageContaining("dashboard script broke");

        browser.clearConsoleErrors();
        browser.assertNoConsoleErrors();
    }

    @Test
    void aMissingResourceFailsTheConsoleCheckButTheBrowsersOwnFaviconRequestDoesNot() {
        browser.open(base + "/missing-resource.html");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> requested.containsAll(Set.of("/api/missing.json", "/favicon.ico")));
        // Both 404s were answered; their console entries follow within milliseconds: one, and it stays one.
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(500))
                .until(() -> browser.consoleErrors().size() == 1);

        assertThat(browser.consoleErrors()).singleElement().asString()
                .contains("/api/missing.json - Failed to load resource: the server responded with a status of 404");
    }

    @Test
    void aScreenshotIsAPngOfTheViewport() throws IOException {
        browser.open(base + "/good.html");
        Path file = Path.of("target/browser-kit/good.png");
        Files.deleteIfExists(file);

        browser.screenshot(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(Files.readAllBytes(file)).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(image.getWidth()).isEqualTo(Browser.DESKTOP.width);
        assertThat(image.getHeight()).isEqualTo(Browser.DESKTOP.height);
        assertThat(browser.script("return [window.innerWidth, window.innerHeight];"))
                .asList().containsExactly(1280L, 800L);
    }

    @Test
    void aPhoneSizedBrowserIs390Wide() {
        try (Browser phone = Browser.phone()) {
            phone.open(base + "/good.html");
            assertThat(phone.script("return window.innerWidth;")).isEqualTo(390L);
            assertThat(phone.script("return window.innerHeight;")).isEqualTo(844L);
            phone.assertNoConsoleErrors();
        }
    }

    @Test
    void screenshotsGoToTheRepositorysDocs() {
        assertThat(Browser.repoRoot().resolve("system-tests/pom.xml")).isRegularFile();
        assertThat(Browser.screenshotsDir()).isEqualTo(Browser.repoRoot().resolve("docs/screenshots"));
    }
}
