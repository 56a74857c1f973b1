package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.creation.period.MonitoringPeriod;
import io.solarmrv.creation.period.PeriodState;
import io.solarmrv.ledger.PeriodClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/**
 * The verifier's hour (issue 20), timed: a period of {@link #DEVICES} (300) meters read every 15 minutes
 * for a day, seeded as the job writes it (signed envelopes in the log's tiles, the log's index,
 * hourly energy, the checkpoint anchored on a real anvil) and closed by the creator; then the
 * verifier, in headless Chromium, signs in, opens the project from the home page and the period from
 * the project, reads the checklist, draws a sample whose inclusion proofs the page checks, signs the
 * digest with its own key and approves. The page actions and the wall time are printed for
 * docs/BENCHMARKS.md.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifierHourBrowserTest implements TestPropertyProvider {
    /** Meters in the period: 300 by default; {@code -Dmrv.walkthrough.devices=N} for another size. */
    static final int DEVICES = Integer.getInteger("mrv.walkthrough.devices", 300);
    private static final int READINGS_PER_DEVICE = 98;   // T0 - 15 min to T0 + 24 h, every 15 minutes
    private static final long STEP_MS = 15 * 60_000L;
    private static final long STEP_WH = 250_000;
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final int SAMPLE = 20;

    private static EmbeddedPostgres postgres;
    private static ChainFixture chain;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    private HeadlessChromium chromium;
    private MonitoringPeriod closed;

    private static String device(int i) {
        return String.format("inv-%03d", i);
    }

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        List<ChainFixture.LogRow> rows = new ArrayList<>();
        for (int k = 0; k < READINGS_PER_DEVICE; k++) {   // in time order, the devices interleaved, as the job logs them
            Instant at = T0.plusMillis(STEP_MS * (k - 1));
            for (int d = 0; d < DEVICES; d++) {
                rows.add(new ChainFixture.LogRow(device(d), k, at, STEP_WH * k, SignedEnvelopes.of(device(d), k, at.toEpochMilli(), STEP_WH * k)));
            }
        }
        chain = ChainFixture.start(postgres, rows, rows.size());
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement hours = c.prepareStatement("INSERT INTO hourly_energy SELECT 'inv-' || lpad(d::text, 3, '0'),"
                     + " ? + h * 3600000, 4, ? + h * 3600000, ? * (4 * h + 1), ? + h * 3600000 + 2700000, ? * (4 * h + 4), ? * 4"
                     + " FROM generate_series(0, ? - 1) d, generate_series(0, 23) h")) {
            hours.setLong(1, T0.toEpochMilli());
            hours.setLong(2, T0.toEpochMilli());
            hours.setLong(3, STEP_WH);
            hours.setLong(4, T0.toEpochMilli());
            hours.setLong(5, STEP_WH);
            hours.setLong(6, STEP_WH);
            hours.setInt(7, DEVICES);
            hours.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = new HashMap<>(ServiceFixture.properties(postgres));
        properties.putAll(chain.properties());
        return properties;
    }

    /** The registry, the project and its registration, the creator's closed period: all through the API. */
    @BeforeAll
    void projectAndPeriod() throws Exception {
        String admin = ServiceFixture.signInAsAdmin(client);
        client.toBlocking().exchange(HttpRequest.POST("/users", Map.of("username", "vera", "password", "vera's long password",
                "role", "VERIFIER")).bearerAuth(admin));
        String creator = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "creator", "role", "CREATOR"))
                .bearerAuth(admin), Map.class).get("token");
        client.toBlocking().exchange(HttpRequest.POST("/sites", Map.of("id", "chonburi", "name", "Chonburi rooftops", "latitude", 13.36,
                "longitude", 100.98, "timeZone", "Asia/Bangkok")).bearerAuth(admin));
        List<String> ids = IntStream.range(0, DEVICES).mapToObj(VerifierHourBrowserTest::device).toList();
        client.toBlocking().exchange(HttpRequest.POST("/devices", ids.stream().map(id -> Map.of("id", id, "siteId", "chonburi",
                "gatewayId", "gw-1", "kind", "inverter", "meterSerial", "SN-" + id, "nameplateW", 1_500_000, "accuracyClass", "0.5S"))
                .toList()).bearerAuth(admin));
        client.toBlocking().exchange(HttpRequest.POST("/devices/keys", ids.stream().map(SignedEnvelopes::registrationLine)
                .collect(Collectors.joining("\n"))).contentType(MediaType.TEXT_PLAIN).bearerAuth(admin));
        for (String id : ids) {
            ServiceFixture.calibrate(client, admin, id);
        }
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("chonburi", "Chonburi rooftop PV", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), ids, null, null, null)).bearerAuth(creator));
        ServiceFixture.addMember(client, admin, "chonburi", "vera");
        String verifierToken = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "tpe", "role", "VERIFIER"))
                .bearerAuth(admin), Map.class).get("token");
        ServiceFixture.addMember(client, admin, "chonburi", "token:tpe");
        ServiceFixture.register(client, "chonburi", creator, verifierToken, admin, "2026-06-01");
        closed = client.toBlocking().retrieve(HttpRequest.POST("/projects/chonburi/periods", Map.of("from", T0.toString(),
                "to", T0.plusSeconds(86_400).toString())).bearerAuth(creator), MonitoringPeriod.class);
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void stop() throws java.io.IOException {
        if (chromium != null) {
            chromium.close();
        }
        chain.close();
        postgres.close();
    }

    /** Counts what the verifier does in the page: each click and each field typed into is one action. */
    private static final class Actions {
        private int count;

        void click(WebElement element) {
            count++;
            element.click();
        }

        void type(WebElement element, String text) {
            count++;
            element.sendKeys(text);
        }
    }

    @Test
    void aVerifierChecksAndApprovesAPeriodOfHundredsOfMetersInAFewPageActions() throws Exception {
        WebDriver browser = chromium.browser;
        WebDriverWait wait = chromium.wait;
        Actions actions = new Actions();
        long started = System.nanoTime();

        browser.get(server.getURL() + "/");
        actions.type(wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))), "vera");
        actions.type(browser.findElement(By.name("password")), "vera's long password");
        actions.click(browser.findElement(By.cssSelector("#sign-in button")));
        actions.click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#projects [data-project='chonburi'] a"))));
        actions.click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#periods a"))));
        wait.until(ExpectedConditions.textToBe(By.id("state"), "SUBMITTED"));
        long opened = System.nanoTime();

        // The checklist: one row per item across all meters, every machine item passing.
        List<WebElement> items = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#checklist tr[data-item]"), 0));
        Map<String, Long> outcomes = items.stream().map(row -> row.findElement(By.cssSelector(".state")).getText())
                .collect(Collectors.groupingBy(o -> o, java.util.TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("PASS", 13L, "VERIFIER", 4L), outcomes, "the clean period's checklist: 13 machine items pass, 4 are the verifier's");
        assertTrue(browser.findElement(By.cssSelector("tr[data-item='keys']")).getText().contains("all " + DEVICES + " meters"));
        assertEquals(DEVICES, browser.findElements(By.cssSelector("#devices td.complete")).size(), "every meter's row");
        assertTrue(browser.findElement(By.id("period-span")).getText().startsWith("2026-07-01 07:00 Asia/Bangkok"), "the site's time");

        // A sample whose inclusion proofs the page checks against the anchored root.
        WebElement size = browser.findElement(By.name("sample-size"));
        size.clear();
        actions.type(size, Integer.toString(SAMPLE));
        actions.click(browser.findElement(By.cssSelector("#draw-sample button")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sample tr.sampled"), SAMPLE));
        assertEquals(List.of("included"), browser.findElements(By.cssSelector("#sample tr.sampled .state")).stream()
                .map(WebElement::getText).distinct().toList(), "every sampled reading's inclusion proof holds");

        // The decision, signed with the verifier's own key (anvil account 2) as a wallet would.
        String statement = "All 13 machine checks pass for " + DEVICES + " meters; a sample of " + SAMPLE + " readings is included in the"
                + " anchored log; site visit and certificates as recorded in the verification report.";
        actions.type(browser.findElement(By.name("statement")), statement);
        actions.click(browser.findElement(By.id("get-digest")));
        wait.until(driver -> !driver.findElement(By.id("digest")).getText().isEmpty());
        Sign.SignatureData signature = Sign.signMessage(HexFormat.of().parseHex(browser.findElement(By.id("digest")).getText()),
                Credentials.create(chain.anvil.account(2).privateKeyHex()).getEcKeyPair(), false);
        actions.type(browser.findElement(By.name("signature")), HexFormat.of().formatHex(signature.getR())
                + HexFormat.of().formatHex(signature.getS()) + HexFormat.of().formatHex(signature.getV()));
        actions.click(browser.findElement(By.cssSelector("#decide button[type=submit]")));
        wait.until(ExpectedConditions.textToBe(By.id("state"), "APPROVED"));
        long done = System.nanoTime();

        assertEquals(PeriodClient.PeriodStatus.APPROVED, chain.readChain.period(closed.chainPeriodId()).status());
        assertEquals(PeriodState.APPROVED, client.toBlocking().retrieve(HttpRequest.GET("/projects/chonburi/periods/" + closed.number())
                .bearerAuth(ServiceFixture.signInAsAdmin(client)), MonitoringPeriod.class).state());
        System.out.printf("Verifier's walk-through: %d meters, %,d readings; %d page actions; %.1f s in all (%.1f s to open the"
                        + " period page, %.1f s to read, sample and approve)%n", DEVICES, DEVICES * READINGS_PER_DEVICE, actions.count,
                (done - started) / 1e9, (opened - started) / 1e9, (done - opened) / 1e9);
        assertTrue(actions.count <= 12, "a dozen page actions at most: " + actions.count);
    }
}
