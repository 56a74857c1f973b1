package io.solarmrv.creation;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its chromedriver through Selenium ({@code apt install
 * chromium chromium-driver}; {@code .ci/run} does it), with a profile of its own, for the page tests.
 */
final class HeadlessChromium implements AutoCloseable {
    final WebDriver browser;
    /** Waits up to 30 s for what a page shows after an action. */
    final WebDriverWait wait;

    private HeadlessChromium(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    static HeadlessChromium start() throws java.io.IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1600", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(driver, options));
    }

    /** Opens the service's home page, signs out whoever is signed in, and signs in; returns when the header names the user. */
    void signIn(String serviceUrl, String username, String password) {
        browser.get(serviceUrl + "/");
        WebElement signOut = browser.findElement(By.id("sign-out"));
        if (signOut.isDisplayed()) {
            signOut.click();
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), username));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
