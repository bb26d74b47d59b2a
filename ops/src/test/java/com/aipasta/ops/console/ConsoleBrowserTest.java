package com.aipasta.ops.console;

import com.aipasta.ops.PlatformTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in headless Chromium, driven by Selenium against the shared platform. Debian's {@code chromium} and
 * {@code chromium-driver} are used as installed (nothing is downloaded); without them every test is skipped. Each step
 * worth seeing is kept as a screenshot under {@code target/screenshots/<test class>/}, with the browser's console log.
 */
abstract class ConsoleBrowserTest extends PlatformTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The end of the page's text a timed-out wait reports, where a chat's newest messages and problems are. */
    private static final int SHOWN_AT_MOST = 4_000;

    protected ChromeDriver browser;
    private Path screenshots;
    private int step;

    @BeforeAll
    static void requireChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); .ci/run installs them");
    }

    @BeforeEach
    void openBrowser(TestInfo test) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        browser = new ChromeDriver(service, options);
        screenshots = Path.of("target", "screenshots", getClass().getSimpleName(),
                test.getTestMethod().orElseThrow().getName());
        Files.createDirectories(screenshots);
        step = 0;
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser == null) {
            return;
        }
        try {
            List<String> lines = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).toList();
            Files.write(screenshots.resolve("browser-console.log"), lines);
        } finally {
            browser.quit();
        }
    }

    protected void open(String route) {
        browser.get("http://localhost:" + port + "/" + route);
    }

    /** Keeps what the page shows now as the next numbered screenshot. */
    protected void screenshot(String name) {
        step++;
        try {
            Files.write(screenshots.resolve(String.format("%02d-%s.png", step, name)),
                    browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the condition; if it never holds, the failure keeps a screenshot and says what the page showed. */
    protected <T> T waitFor(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (TimeoutException timedOut) {
            throw withWhatThePageShows(timedOut);
        }
    }

    private TimeoutException withWhatThePageShows(TimeoutException timedOut) {
        try {
            screenshot("timed-out");
            String shown = browser.findElement(By.tagName("body")).getText();
            return new TimeoutException("Waited " + PATIENCE.toSeconds() + " s in vain; the page showed:\n"
                    + (shown.length() > SHOWN_AT_MOST ? "…" + shown.substring(shown.length() - SHOWN_AT_MOST) : shown),
                    timedOut);
        } catch (WebDriverException pageGone) {
            timedOut.addSuppressed(pageGone);
            return timedOut;
        }
    }

    protected WebElement element(String css) {
        return waitFor(driver -> driver.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The text of the element the selector finds now. */
    protected String textOf(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    protected void type(String css, String text) {
        WebElement field = element(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a long text at once, as pasting it would; typing it key by key would take minutes. */
    protected void paste(String css, String text) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                element(css), text);
    }

    protected Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Whether a click at the element's centre lands on it as the page stands, without scrolling. */
    protected boolean inView(String css) {
        return (Boolean) script("""
                const shown = arguments[0].getBoundingClientRect();
                return arguments[0].contains(document.elementFromPoint(shown.left + shown.width / 2,
                    shown.top + shown.height / 2));
                """, element(css));
    }

    /** Every form control on the page has a name a screen reader can announce: a label or an aria-label. */
    protected void assertEveryControlIsLabelled() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) script("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                    .filter(control => control.offsetParent !== null || control.type === 'checkbox')
                    .filter(control => !(control.labels && [...control.labels].some(label => label.textContent.trim()))
                        && !(control.getAttribute('aria-label') || '').trim()
                        && !(control.tagName === 'BUTTON' && control.textContent.trim()))
                    .map(control => control.outerHTML.slice(0, 120));
                """);
        assertThat(unlabelled).as("controls without a label").isEmpty();
    }

    protected void phoneSized() {
        browser.manage().window().setSize(new Dimension(390, 844));
    }

    /** Signs in through the console's form. */
    protected void signIn(String email, String password) {
        open("#/login");
        type("#login-email", email);
        type("#login-password", password);
        element("form button[type=submit]").click();
        element("#composer");
    }
}
