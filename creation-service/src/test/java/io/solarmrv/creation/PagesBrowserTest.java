package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/**
 * The whole flow through the pages in headless Chromium (Debian's chromium and chromedriver): the
 * operator onboards a site, a device and its key; the creator proposes the project, records its
 * idea note, methodology and design document and the agreed allocation, the verifier its
 * validation, the administrator its registration; the creator closes a period; the verifier reviews
 * it, samples readings, raises a clarification request the creator answers and it closes, asks for the digest, signs it with its own key and approves; the creator
 * requests issuance; the administrator issues, and the page shows the serials and who received
 * them. Real PostgreSQL, real anvil.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final String DEVICE = "pv-plant";

    private static EmbeddedPostgres postgres;
    private static ChainFixture chain;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        chain = ChainFixture.start(postgres, DEVICE, T0, 12, 12);
        Map<String, String> properties = new HashMap<>(ServiceFixture.properties(postgres));
        properties.putAll(chain.properties());
        return properties;
    }

    @BeforeAll
    void peopleAndBrowser() throws Exception {
        String admin = ServiceFixture.signInAsAdmin(client);
        for (String[] user : new String[][] {{"olivia", "OPERATOR"}, {"chris", "CREATOR"}, {"vera", "VERIFIER"}}) {
            client.toBlocking().exchange(HttpRequest.POST("/users", Map.of("username", user[0],
                    "password", user[0] + "'s long password", "role", user[1])).bearerAuth(admin));
        }
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
        wait = chromium.wait;
    }

    @AfterAll
    void stop() throws java.io.IOException {
        if (chromium != null) {
            chromium.close();
        }
        chain.close();
        postgres.close();
    }

    private void signIn(String username) {
        chromium.signIn(server.getURL().toString(), username, username + "'s long password");
    }

    private void signInAsAdmin() {
        chromium.signIn(server.getURL().toString(), "admin", ServiceFixture.ADMIN_PASSWORD);
    }

    /** Records the project's next cycle stage through its form, as the signed-in person. */
    private void recordStage(String stage) {
        wait.until(ExpectedConditions.textToBe(By.id("next-stage"), "Next: " + stage));
        browser.findElement(By.name("document-name")).sendKeys(stage.toLowerCase() + ".pdf");
        browser.findElement(By.name("document-sha256")).sendKeys("ab".repeat(32));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.name("effective-on")), "2026-06-01");
        browser.findElement(By.cssSelector("#record-stage button")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("next-stage"), "Next: " + stage)));
    }

    private void open(String hash) {
        browser.get(server.getURL() + "/ui/index.html" + hash);
    }

    private String state() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("state"))).getText();
    }

    private void waitForState(String expected) {
        wait.until(ExpectedConditions.textToBe(By.id("state"), expected));
    }

    @Test
    void fromOnboardingToIssuedCreditsThroughThePages() throws Exception {
        signIn("olivia");
        open("#/registry");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("site-id"))).sendKeys("osaka-1");
        browser.findElement(By.name("site-name")).sendKeys("Osaka plant");
        browser.findElement(By.name("latitude")).sendKeys("34.69");
        browser.findElement(By.name("longitude")).sendKeys("135.50");
        browser.findElement(By.name("time-zone")).sendKeys("Asia/Tokyo");
        browser.findElement(By.cssSelector("#site button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("registry-result"), "Site osaka-1 created."));
        browser.findElement(By.name("devices-csv")).sendKeys("id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class\n"
                + DEVICE + ",osaka-1,gw-1,inverter,SN-" + DEVICE + ",1500000,0.5S");
        browser.findElement(By.cssSelector("#devices button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("registry-result"), "1 devices registered."));
        browser.findElement(By.name("key-lines")).sendKeys(DeviceRegistry.registrationLine(DEVICE, GatewayKey.generate(new SecureRandom())));
        browser.findElement(By.cssSelector("#keys button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("registry-result"), "1 keys added."));
        browser.findElement(By.name("devices-csv")).sendKeys(" again");
        browser.findElement(By.cssSelector("#devices button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertTrue(browser.findElement(By.id("problem")).getText().startsWith("line 2:"), "a refusal is shown with its reason");

        signIn("chris");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("project-id"))).sendKeys("osaka");
        browser.findElement(By.name("project-name")).sendKeys("Bangkok plant PV");
        browser.findElement(By.name("methodology")).sendKeys("TH_AM001 Ver1.0");
        browser.findElement(By.name("emission-factor")).sendKeys("0.5");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.name("emission-factor-from")), "2016-08-23");
        browser.findElement(By.name("emission-factor-source")).sendKeys("TH_AM001 Ver1.0 default value (test)");
        browser.findElement(By.name("device-ids")).sendKeys(DEVICE);
        browser.findElement(By.name("host-country")).sendKeys("Thailand");
        browser.findElement(By.cssSelector("#new-project button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("project-summary"), "Methodology: TH_AM001 Ver1.0; emission factors: 0.5 tCO2/MWh (2016-08-23 – , TH_AM001 Ver1.0 default value (test)); 1 devices: " + DEVICE));
        for (String stage : List.of("PIN", "METHODOLOGY", "PDD")) {
            recordStage(stage);
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("shares")))
                .sendKeys("jp-gov,JAPAN_GOVERNMENT,5000\nchris-co,JAPANESE_PARTICIPANT,5000");
        browser.findElement(By.name("government-funded")).click();
        browser.findElement(By.cssSelector("#set-allocation button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("allocation"), "jp-gov 50%, chris-co 50% (government-funded)"));
        ServiceFixture.addMember(client, ServiceFixture.signInAsAdmin(client), "osaka", "vera");   // the TPE the registry assigns
        signIn("vera");
        // The home page lists the projects the account is a member of: the verifier, now assigned, sees osaka.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#projects [data-project='osaka'] a"))).click();
        wait.until(ExpectedConditions.urlContains("#/projects/osaka"));
        recordStage("VALIDATION");
        signInAsAdmin();
        open("#/projects/osaka");
        recordStage("REGISTRATION");
        wait.until(ExpectedConditions.textToBe(By.id("next-stage"), "Registered"));

        signIn("chris");
        open("#/projects/osaka");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("from"))).sendKeys(T0.toString());
        browser.findElement(By.name("to")).sendKeys(T0.plusSeconds(4 * 3600).toString());
        browser.findElement(By.cssSelector("#close-period button")).click();
        assertEquals("SUBMITTED", state());
        // 8 steps of 750 kWh = 6 MWh; no calibration certificate, so less class 0.5S's 0.5 % (30 kWh): 5.97 MWh x 0.5 t/MWh = 2.985 t
        assertEquals("2 tCO2 (rounded down)", browser.findElement(By.id("credits")).getText());
        assertEquals("· no calibration certificate over 1 span(s) of days: -30.000 kWh (class 0.5S, 0.5 %)",
                browser.findElement(By.cssSelector("#devices .uncalibrated")).getText(), "the correction is shown with the device");

        signIn("vera");
        open("#/projects/osaka/periods/1");
        assertEquals("SUBMITTED", state());
        assertEquals("2026-07-01 09:00 Asia/Tokyo .. 2026-07-01 13:00 Asia/Tokyo", browser.findElement(By.id("period-span")).getText(),
                "the site's local time");
        assertEquals(T0.toString(), browser.findElement(By.cssSelector("#period-span time")).getAttribute("title"), "UTC on hover");
        assertTrue(browser.findElement(By.id("devices")).getText().contains("6,000.000"), "the device's energy is shown");
        assertTrue(browser.findElement(By.tagName("figcaption")).getText().contains("peak 1,500.000 kWh"), "hourly energy is charted");
        assertEquals("XLSX (日本語)", browser.findElement(By.id("xlsx-ja")).getText(), "the sheet is offered in both languages");
        assertEquals("PASS", browser.findElement(By.cssSelector("tr[data-item='on-chain'] .state")).getText());
        assertEquals("FAIL", browser.findElement(By.cssSelector("tr[data-item='calibration'] .state")).getText(),
                "no calibration certificate was recorded for the device");
        assertEquals("VERIFIER", browser.findElement(By.cssSelector("tr[data-item='site-visit'] .state")).getText());
        browser.findElement(By.name("sample-size")).clear();
        browser.findElement(By.name("sample-size")).sendKeys("4");
        browser.findElement(By.name("sample-seed")).sendKeys("c0ffee");
        browser.findElement(By.cssSelector("#draw-sample button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sample tr.sampled"), 4));
        assertEquals(List.of("included", "included", "included", "included"), browser.findElements(
                By.cssSelector("#sample tr.sampled .state")).stream().map(WebElement::getText).toList(),
                "the page checks each sampled reading's inclusion proof against the anchored root itself");
        assertEquals("c0ffee", browser.findElement(By.id("sample-seed-used")).getText());
        // A clarification request on the calibration item: raised by the verifier, answered by the participant, closed.
        new Select(browser.findElement(By.name("finding-type"))).selectByValue("CL");
        browser.findElement(By.name("finding-check")).sendKeys("calibration");
        browser.findElement(By.name("finding-text")).sendKeys("No certificate is registered for " + DEVICE + "; which one applies?");
        browser.findElement(By.cssSelector("#raise-finding button")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-finding='1'] .state"), "OPEN"));
        signIn("chris");
        open("#/projects/osaka/periods/1");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("answer-1"))).sendKeys("None yet; the class 0.5S correction applies");
        browser.findElement(By.cssSelector("#answer-1 button")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-finding='1'] .state"), "ANSWERED"));
        signIn("vera");
        open("#/projects/osaka/periods/1");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("close-1"))).sendKeys("Correction seen in the report");
        browser.findElement(By.cssSelector("#close-1 button")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-finding='1'] .state"), "CLOSED"));
        approveInThePage("Site visited 2026-07-10; meter SN-" + DEVICE + " certificate seen; machine checks pass.");
        assertTrue(browser.findElement(By.id("decision")).getText().contains("Approved by vera"));
        assertEquals("PDF (日本語)", browser.findElement(By.id("verification-pdf-ja")).getText(), "the verification report is offered");
        assertTrue(browser.findElement(By.cssSelector("#decision pre")).getText().contains("Findings:\n- CL 1 CLOSED sha256:"),
                "the decision cites the finding: " + browser.findElement(By.cssSelector("#decision pre")).getText());

        signIn("chris");
        open("#/projects/osaka/periods/1");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("request-issuance"))).click();
        waitForState("ISSUANCE_REQUESTED");

        signInAsAdmin();
        open("#/projects/osaka/periods/1");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("issue"))).click();
        waitForState("ISSUED");
        assertTrue(browser.getPageSource().contains("serials 1..2"), "the issued serials are shown");
        assertEquals("jp-gov JAPAN_GOVERNMENT 1 1..1\nchris-co JAPANESE_PARTICIPANT 1 2..2", browser.findElements(
                By.cssSelector("#allocations tr.allocation")).stream().map(WebElement::getText).collect(java.util.stream.Collectors.joining("\n")),
                "2 credits split evenly between the Japanese government of this model project and the participant");
        assertEquals("4 / 4", browser.findElement(By.cssSelector("#devices td.complete")).getText(), "a reading in each of the 4 hours");
        Path shot = Path.of("target", "pages-issued-period.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The same page in Japanese: labels, headings and the machine's checklist items; identifiers and figures unchanged.
        new Select(browser.findElement(By.id("lang"))).selectByValue("ja");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "osaka のモニタリング期間 1"));
        assertEquals("2 tCO2 (切り捨て)", browser.findElement(By.id("credits")).getText());
        assertTrue(browser.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList().containsAll(
                List.of("デバイス", "報告の版", "検証チェックリスト", "発行", "検証")));
        assertEquals("すべてのメーターについて校正証明書が期間全体を対象としている", browser.findElement(
                By.cssSelector("tr[data-item='calibration'] td")).getText());
        assertTrue(browser.findElement(By.tagName("figcaption")).getText().contains("最大 1,500.000 kWh"));
        assertEquals("サインアウト", browser.findElement(By.id("sign-out")).getText());
        assertEquals(List.of(), ((JavascriptExecutor) browser).executeScript("return Object.keys(MESSAGES.en).filter((k) => !(k in MESSAGES.ja))"
                + ".concat(Object.keys(MESSAGES.ja).filter((k) => !(k in MESSAGES.en)))"), "every phrase exists in both languages");
        Files.write(Path.of("target", "pages-issued-period-ja.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "osaka のモニタリング期間 1"));
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.id("credits"), "2 tCO2 (rounded down)"));

        // One device's chart: the chart names it.
        new Select(browser.findElement(By.id("chart-device"))).selectByValue(DEVICE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#energy-chart figcaption"), DEVICE));

        // Late data after approval: the creator's issuance request is blocked; one click withdraws and resubmits.
        signIn("chris");
        open("#/projects/osaka");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("from"))).sendKeys(T0.plusSeconds(4 * 3600).toString());
        browser.findElement(By.name("to")).sendKeys(T0.plusSeconds(5 * 3600).toString());
        browser.findElement(By.cssSelector("#close-period button")).click();
        assertEquals("SUBMITTED", state());
        signIn("vera");
        open("#/projects/osaka/periods/2");
        approveInThePage("Second period checked.");
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
             java.sql.PreparedStatement flag = c.prepareStatement("INSERT INTO quality_flags VALUES (?, 10, ?, 'stale')")) {
            flag.setString(1, DEVICE);
            flag.setLong(2, T0.plusSeconds(1800L * 9).toEpochMilli());
            flag.executeUpdate();
        }
        signIn("chris");
        open("#/projects/osaka/periods/2");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("request-issuance"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problem"), "issuance is blocked until it is re-verified"));
        browser.navigate().refresh();
        waitForState("RESTATED");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("resubmit"))).click();
        wait.until(ExpectedConditions.urlContains("/periods/3"));
        waitForState("SUBMITTED");
        open("#/projects/osaka/periods/2");
        waitForState("WITHDRAWN");
    }

    /** The verifier reads the digest, signs it with its own key (anvil account 2, as a wallet would) and submits. */
    private void approveInThePage(String statement) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("statement"))).sendKeys(statement);
        browser.findElement(By.id("get-digest")).click();
        wait.until(driver -> !driver.findElement(By.id("digest")).getText().isEmpty());
        assertTrue(browser.findElement(By.id("signed-statement")).getText().startsWith(statement), "the statement as signed is shown");
        String digest = browser.findElement(By.id("digest")).getText();
        Sign.SignatureData signature = Sign.signMessage(HexFormat.of().parseHex(digest),
                Credentials.create(chain.anvil.account(2).privateKeyHex()).getEcKeyPair(), false);
        browser.findElement(By.name("signature")).sendKeys(HexFormat.of().formatHex(signature.getR())
                + HexFormat.of().formatHex(signature.getS()) + HexFormat.of().formatHex(signature.getV()));
        browser.findElement(By.cssSelector("#decide button[type=submit]")).click();
        waitForState("APPROVED");
    }
}
