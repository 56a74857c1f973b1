package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A programme's member sites through the project page in headless Chromium: the programme's
 * creator enrols homes from CSV lines, pages through them, records one leaving, and a malformed
 * line is refused with the line named. Real (embedded) PostgreSQL.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammePagesBrowserTest implements TestPropertyProvider {
    private static final String CONSENT = "c0".repeat(32);
    private static final String ELIGIBILITY = "E1".repeat(32); // upper case, as copied from a tool: the page lowers it
    private static EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    private HeadlessChromium chromium;

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        return ServiceFixture.properties(postgres);
    }

    @BeforeAll
    void programmeAndBrowser() throws Exception {
        String admin = ServiceFixture.signInAsAdmin(client);
        client.toBlocking().exchange(HttpRequest.POST("/users", Map.of("username", "carla", "password", "carla's long password",
                "role", "CREATOR")).bearerAuth(admin));
        for (int home = 1; home <= 102; home++) {
            String site = String.format("page-home-%03d", home);
            ServiceFixture.onboard(client, admin, site, site + "-pv=inverter", site + "-meter=site-meter");
        }
        String carla = ServiceFixture.signIn(client, "carla", "carla's long password");
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("prog-page", "Homes enrolled in the page",
                "EN-R-002 Ver3.0", ServiceFixture.fiscalYearFactors(Map.of("2026", new BigDecimal("0.45"))),
                List.of("page-home-001-pv", "page-home-001-meter"), null, "J-Credit", null)).bearerAuth(carla));
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void stop() throws java.io.IOException {
        if (chromium != null) {
            chromium.close();
        }
        postgres.close();
    }

    private static String csvLine(int home, String dataSource) {
        return String.format("page-home-%03d,2026-06-01,2026-06-01,%s,%s,%s", home, CONSENT, ELIGIBILITY, dataSource);
    }

    @Test
    void theCreatorEnrolsPagesThroughAndRecordsALeavingInThePage() {
        chromium.signIn(server.getURL().toString(), "carla", "carla's long password");
        chromium.browser.get(server.getURL() + "/ui/index.html#/projects/prog-page");
        var wait = chromium.wait;
        var csv = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("member-csv")));
        assertTrue(chromium.browser.findElement(By.id("no-members")).isDisplayed());

        csv.sendKeys("page-home-001,2026-06-01,2026-06-01," + CONSENT + "\n");
        chromium.browser.findElement(By.cssSelector("#enrol-members button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problem"), "line 1 needs 6 comma-separated fields"));

        StringBuilder lines = new StringBuilder("siteId,joinedOn,creditingStartOn,consentSha256,eligibilitySha256,dataSource\n");
        for (int home = 1; home <= 102; home++) {
            lines.append(csvLine(home, home % 2 == 0 ? "route-b" : "metered")).append('\n');
        }
        // Typing 102 lines key by key is slow; the textarea's value is what a paste leaves.
        ((JavascriptExecutor) chromium.browser).executeScript("arguments[0].value = arguments[1]",
                chromium.browser.findElement(By.name("member-csv")), lines.toString());
        chromium.browser.findElement(By.cssSelector("#enrol-members button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("enrolled"), "102 site(s) enrolled; the programme has had 102."));
        assertEquals(100, chromium.browser.findElements(By.cssSelector("#member-sites tr[data-site]")).size(), "a page of 100");
        chromium.browser.findElement(By.id("more-members")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#member-sites tr[data-site]"), 102));
        assertTrue(!chromium.browser.findElement(By.id("more-members")).isDisplayed(), "no page after the last");

        var row = chromium.browser.findElement(By.cssSelector("#member-sites tr[data-site='page-home-002']"));
        assertTrue(row.getText().contains("route-b"), row.getText());
        ((JavascriptExecutor) chromium.browser).executeScript("arguments[0].value = arguments[1]",
                row.findElement(By.name("left-on")), "2026-09-01");
        row.findElement(By.cssSelector("form.leave button")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#member-sites tr[data-site='page-home-002'] .left-on"), "2026-09-01"));
        assertEquals(0, chromium.browser.findElements(By.cssSelector("#member-sites tr[data-site='page-home-002'] form.leave")).size(),
                "a member that left has no leaving form");

        var stored = client.toBlocking().retrieve(HttpRequest.GET("/projects/prog-page/member-sites?limit=1&after=page-home-001")
                .bearerAuth(ServiceFixture.signIn(client, "carla", "carla's long password")), Map.class);
        Map<?, ?> second = (Map<?, ?>) ((List<?>) stored.get("members")).get(0);
        assertEquals(List.of("page-home-002", "2026-09-01", ELIGIBILITY.toLowerCase()),
                List.of(second.get("siteId"), second.get("leftOn"), second.get("eligibilitySha256")));
    }
}
