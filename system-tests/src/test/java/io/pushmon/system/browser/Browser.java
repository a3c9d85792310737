package io.pushmon.system.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the dashboard's tests: Debian's {@code /usr/bin/chromium} driven through its
 * {@code /usr/bin/chromedriver} (both installed by {@code scripts/ensure-chromium}, which the module's build runs
 * first). Selenium Manager never runs: the driver is given to the service, so nothing is downloaded.
 *
 * <p>Each instance is its own browser process with a fresh profile in a temporary directory (deleted on
 * {@link #close()}) and a fixed viewport at device scale 1, so a screenshot is exactly {@link #viewport()} in
 * pixels: {@link #desktop()} 1280x800, {@link #phone()} 390x844. Starting one takes 1-3 s on a loaded 2-core
 * machine: share one per test class.
 *
 * <p>Waiting: no implicit wait (it would make every absence check and every {@code findElements} wait its full
 * time, and mixes badly with explicit waits); wait for what the page is about to show with {@link #waitFor}.
 * Page loads and scripts (axe) may take up to 60 s, for a machine busy with other builds.
 *
 * <p>The browser console's SEVERE entries (uncaught exceptions, {@code console.error}, failed resource loads such
 * as a 404 of a script, stylesheet or {@code fetch}) are collected from the start or the last
 * {@link #clearConsoleErrors()}, across pages; {@link #assertNoConsoleErrors()} fails on any of them. Only the 404
 * of the {@code /favicon.ico} Chromium asks for by itself is left out.
 *
 * <p>{@link #phone()} is a phone's viewport, not an emulated phone: the user agent stays desktop Chromium's, no
 * touch events, device pixel ratio 1.
 *
 * <p>{@code -Dpushmon.browser.headed=true} shows the window instead (needs a display, e.g. {@code xvfb-run} or a
 * desktop session) to watch a test; {@code -Dpushmon.browser.no-sandbox=true} drops Chromium's sandbox for a
 * non-root user where it cannot start (root always runs without it, as Chromium demands).
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A laptop's viewport. */
    public static final Dimension DESKTOP = new Dimension(1280, 800);
    /** A phone's viewport in CSS pixels (iPhone 12-15). */
    public static final Dimension PHONE = new Dimension(390, 844);
    /** How long {@link #waitFor(By)} waits. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Selenium looks for a DevTools (CDP) binding of the browser's version at every start and warns when it has
     * none; none is on the classpath and none is used (the console is read through chromedriver's log), so the
     * warning is noise. Held here: JUL keeps loggers weakly, and a collected one would forget its level.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Dimension viewport;
    private final List<LogEntry> consoleErrors = new ArrayList<>();

    private Browser(Dimension viewport) {
        this.viewport = viewport;
        requireInstalled();
        try {
            this.profile = Files.createTempDirectory("pushmon-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        if (!Boolean.getBoolean("pushmon.browser.headed")) {
            options.addArguments("--headless=new");
        }
        if (isRoot() || Boolean.getBoolean("pushmon.browser.no-sandbox")) {
            options.addArguments("--no-sandbox");
        }
        options.addArguments(
                "--disable-dev-shm-usage", // /dev/shm is small in containers; tabs crash when it fills
                "--window-size=" + viewport.width + "," + viewport.height,
                "--force-device-scale-factor=1",
                "--user-data-dir=" + profile,
                "--lang=en-US",
                "--no-first-run",
                "--no-default-browser-check",
                // Tests reach loopback only: no update checks, sync, field trials or component downloads.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        this.driver = started;
        try {
            driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
            driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
            driver.manage().timeouts().implicitlyWait(Duration.ZERO);
            fitViewport();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A browser with a 1280x800 viewport. */
    public static Browser desktop() {
        return new Browser(DESKTOP);
    }

    /** A browser with a phone's 390x844 viewport. */
    public static Browser phone() {
        return new Browser(PHONE);
    }

    /** A browser whose viewport ({@code window.innerWidth} x {@code innerHeight}) is {@code viewport}. */
    public static Browser withViewport(Dimension viewport) {
        return new Browser(viewport);
    }

    /** Whether both binaries are there (else {@link #desktop()} fails saying what to install). */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** The repository's root: system property {@code pushmon.root} (set by surefire), else found from the cwd. */
    public static Path repoRoot() {
        String configured = System.getProperty("pushmon.root");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("system-tests/pom.xml"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException(
                "no repository root above " + dir + " (no system-tests/pom.xml); set -Dpushmon.root");
    }

    /** {@code docs/screenshots/} of the repository, where the dashboard's screenshots are kept. */
    public static Path screenshotsDir() {
        return repoRoot().resolve("docs/screenshots");
    }

    /** Loads {@code url} and returns once its load event fired. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Waits up to {@link #DEFAULT_WAIT} until an element {@code by} finds is visible, and returns it. */
    public WebElement waitFor(By by) {
        return waitFor(by, DEFAULT_WAIT);
    }

    /** Waits up to {@code timeout} until an element {@code by} finds is visible, and returns it. */
    public WebElement waitFor(By by, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Runs {@code script} in the page (its {@code arguments} are {@code args}) and returns its result. */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Saves what the viewport shows as a PNG of {@link #viewport()}'s size at {@code file} (its directories are
     * made) and returns the file.
     */
    public Path screenshot(Path file) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The console's SEVERE entries since the browser started or the last {@link #clearConsoleErrors()}, each as
     * Chrome words it: the script's or resource's URL, {@code line:column} for a script, the text (e.g.
     * {@code "http://127.0.0.1:41234/ 12:9 Uncaught Error: boom"}).
     */
    public List<String> consoleErrors() {
        drainConsole();
        return consoleErrors.stream().map(LogEntry::getMessage).toList();
    }

    /** Forgets the console errors seen so far. */
    public void clearConsoleErrors() {
        drainConsole();
        consoleErrors.clear();
    }

    /** Fails listing each console error since the start or the last {@link #clearConsoleErrors()}. */
    public void assertNoConsoleErrors() {
        List<String> errors = consoleErrors();
        if (!errors.isEmpty()) {
            throw new AssertionError(errors.size() + " browser console error(s) (page " + driver.getCurrentUrl()
                    + "):\n  " + String.join("\n  ", errors));
        }
    }

    /** The viewport every page gets, in CSS pixels (= screenshot pixels). */
    public Dimension viewport() {
        return viewport;
    }

    /** The Selenium driver, for anything the helpers do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    /**
     * {@code --window-size} sets the outer window, and the browser's own bars take their share of it (in headless
     * mode too): grows the window by the difference once, so {@code innerWidth x innerHeight} is the viewport. A
     * headed window cannot get narrower than 500 px; then the viewport is emulated (DevTools'
     * {@code Emulation.setDeviceMetricsOverride}, which holds for every page of the tab).
     */
    private void fitViewport() {
        Dimension inner = innerSize();
        if (inner.equals(viewport)) {
            return;
        }
        Dimension outer = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(
                outer.width + viewport.width - inner.width, outer.height + viewport.height - inner.height));
        if (!innerSize().equals(viewport)) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", viewport.width, "height", viewport.height, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    private Dimension innerSize() {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) script(
                "return {w: window.innerWidth, h: window.innerHeight};");
        return new Dimension(((Number) inner.get("w")).intValue(), ((Number) inner.get("h")).intValue());
    }

    private void drainConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !isOwnFaviconRequest(entry)) {
                consoleErrors.add(entry);
            }
        }
    }

    /**
     * Chromium asks for {@code /favicon.ico} by itself after a page without {@code <link rel="icon">} loaded; its
     * 404 arrives at any moment (before or after a test's check), so it is not the page's error.
     */
    private static boolean isOwnFaviconRequest(LogEntry entry) {
        String message = entry.getMessage();
        int resource = message.indexOf(" - Failed to load resource");
        return resource > 0 && message.substring(0, resource).endsWith("/favicon.ico");
    }

    private static void requireInstalled() {
        if (!installed()) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian's chromium and chromium-driver): run scripts/ensure-chromium, or"
                    + " sudo apt-get install -y chromium chromium-driver");
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover in the temp directory is harmless.
        }
    }
}
