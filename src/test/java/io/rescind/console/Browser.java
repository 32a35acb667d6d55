package io.rescind.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium, driven through the system's chromedriver. Both paths are given
 * to Selenium, so Selenium Manager never runs and nothing is downloaded; where either is missing
 * the browser tests are skipped (reported as such), never passed.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("rescind.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("rescind.test.chromedriver", "/usr/bin/chromedriver"));

    final WebDriver driver;
    private final Path profile;
    private final String base;

    private Browser(WebDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** Skips the calling test class unless Chromium and its driver are installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No browser: the console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver); skipped");
    }

    static Browser open(int port, int width, int height) {
        assumeInstalled();
        try {
            var profile = Files.createTempDirectory("rescind-chromium-");
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height);
            return new Browser(new ChromeDriver(service, options), profile, "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    void signIn(String key) {
        go("/console/sign-in");
        type(By.id("apiKey"), key);
        find(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.cssSelector("form.who"));
    }

    /** Forgets the session, as a new browser would. */
    void forget() {
        go("/console/sign-in");
        driver.manage().deleteAllCookies();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Waits until the condition holds, re-reading the page each time (htmx may swap parts of it). */
    void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** Clicks what the locator finds, finding it again if htmx replaced it meanwhile. */
    void click(By by) {
        waitUntil(() -> {
            driver.findElement(by).click();
            return true;
        });
    }

    int rows(By by) {
        return driver.findElements(by).size();
    }

    void type(By by, String text) {
        var field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    void choose(By by, String value) {
        new Select(find(by)).selectByValue(value);
    }

    String text(By by) {
        return find(by).getText();
    }

    /** Runs a script in the page, as someone editing the page's form by hand would. */
    Object script(String script, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, arguments);
    }

    byte[] screenshot() {
        return ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
