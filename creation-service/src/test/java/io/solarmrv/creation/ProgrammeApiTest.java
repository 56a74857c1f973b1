package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.creation.programme.MemberPage;
import io.solarmrv.creation.programme.MemberSite;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A J-Credit programme-type project against a real (embedded) PostgreSQL: homes enrol with their
 * consent and dates, a period counts only the members crediting throughout it, a site is in one
 * programme on any day, and only the programme's participant enrols.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeApiTest implements TestPropertyProvider {
    private static final Instant JULY_1 = Instant.parse("2026-06-30T15:00:00Z"); // 1 July 2026, 00:00 in Japan
    private static final String CONSENT = "c0".repeat(32);
    private static final String ELIGIBILITY = "e1".repeat(32);
    private static EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient client;

    private String admin;

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        return ServiceFixture.properties(postgres);
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }

    /** Three homes, each PV 10,000 Wh and export 4,000 Wh over 1 July (Japan); home-b has a battery. */
    @BeforeAll
    void homes() {
        admin = ServiceFixture.signInAsAdmin(client);
        ServiceFixture.onboard(client, admin, "home-a", "home-a-pv=inverter", "home-a-meter=site-meter");
        ServiceFixture.onboard(client, admin, "home-b", "home-b-pv=inverter", "home-b-meter=site-meter", "home-b-bat=battery");
        ServiceFixture.onboard(client, admin, "home-c", "home-c-pv=inverter", "home-c-meter=site-meter");
        ServiceFixture.onboard(client, admin, "home-d", "home-d-pv=inverter", "home-d-meter=site-meter");
        for (String home : List.of("home-a", "home-b", "home-c")) {
            TestLog.seedSigned(postgres, home + "-pv", new long[][] {{-10, 0}, {0, 0}, {720, 6_000}, {1440, 10_000}, {1450, 10_000}});
            TestLog.seedSigned(postgres, home + "-meter", new long[][] {{-10, 0, 0}, {1450, 3_000, 4_000}});
        }
        // The battery: charge 3,000 Wh outward, discharge 2,500 Wh inward; withheld 3,000 - 2,500 + 2,000 = 2,500 Wh.
        TestLog.seedSigned(postgres, "home-b-bat", new long[][] {{-10, 0, 0}, {0, 0, 0}, {1440, 2_500, 3_000}, {1450, 2_500, 3_000}});
        // The job's hourly table: home-b's PV and battery have readings in every hour of 1 July, its meter in 20 of them.
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
             java.sql.PreparedStatement hour = c.prepareStatement("INSERT INTO hourly_energy VALUES (?, ?, 12, 0, 0, 0, 0, 0)")) {
            for (String device : List.of("home-b-pv", "home-b-bat", "home-b-meter")) {
                for (int h = 0; h < (device.equals("home-b-meter") ? 20 : 24); h++) {
                    hour.setString(1, device);
                    hour.setLong(2, JULY_1.plusSeconds(3600L * h).toEpochMilli());
                    hour.addBatch();
                }
            }
            hour.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        client.toBlocking().exchange(post("/projects", new Project("prog-1", "Osaka homes", "EN-R-002 Ver3.0",
                ServiceFixture.fiscalYearFactors(Map.of("2026", new BigDecimal("0.45"))), List.of("home-a-pv", "home-a-meter"), null,
                "J-Credit", null)));
    }

    private MutableHttpRequest<?> post(String path, Object body) {
        return HttpRequest.POST(path, body).bearerAuth(admin);
    }

    private static MemberSite member(String site, LocalDate joined, LocalDate left) {
        return new MemberSite(site, CONSENT, ELIGIBILITY, joined, joined, left, "route-b");
    }

    private MonitoringReport julyFirst() {
        return client.toBlocking().retrieve(HttpRequest.GET("/projects/prog-1/report?from=" + JULY_1 + "&to="
                + JULY_1.plusSeconds(86_400)).bearerAuth(admin), MonitoringReport.class);
    }

    @Test
    void aPeriodCountsTheMembersCreditingThroughoutItAndFloorsOnceForTheProject() {
        Map<?, ?> enrolment = client.toBlocking().retrieve(post("/projects/prog-1/member-sites", List.of(
                member("home-a", LocalDate.of(2026, 6, 1), null),
                member("home-b", LocalDate.of(2026, 6, 15), null),
                member("home-c", LocalDate.of(2026, 7, 2), null))), Map.class);
        assertEquals(List.of(3, 3), List.of(enrolment.get("enrolled"), enrolment.get("memberSites")), enrolment.toString());
        MemberPage first = client.toBlocking().retrieve(HttpRequest.GET("/projects/prog-1/member-sites?limit=2").bearerAuth(admin),
                MemberPage.class);
        assertEquals(List.of("home-a", "home-b"), first.members().stream().map(MemberSite::siteId).toList());
        assertEquals("home-b", first.next());
        MemberPage last = client.toBlocking().retrieve(HttpRequest.GET("/projects/prog-1/member-sites?limit=2&after=home-b")
                .bearerAuth(admin), MemberPage.class);
        assertEquals(List.of("home-c"), last.members().stream().map(MemberSite::siteId).toList());
        assertEquals(null, last.next());
        ServiceFixture.refused(client, HttpRequest.GET("/projects/prog-1/member-sites?limit=0").bearerAuth(admin), HttpStatus.BAD_REQUEST);
        MonitoringReport report = julyFirst();
        assertEquals(List.of("home-a-pv", "home-b-pv"), report.devices().stream().map(MonitoringReport.DeviceEnergy::deviceId).toList(),
                "home-c joins the day after: none of its energy counts");
        // (10,000 - 4,000) x 2 - 2,500 withheld by home-b's battery = 9,500 Wh for the project, floored once.
        assertEquals(9_500, report.selfConsumption().selfConsumedWh());
        assertEquals(0, report.creditsTco2());
        MonitoringReport.Member c = report.members().stream().filter(m -> m.siteId().equals("home-c")).findFirst().orElseThrow();
        assertFalse(c.counts());
        assertTrue(c.leftOutBecause().startsWith("crediting starts on 2026-07-02 (Asia/Tokyo), after the period's start"), c.leftOutBecause());
        MonitoringReport.Member b = report.members().stream().filter(m -> m.siteId().equals("home-b")).findFirst().orElseThrow();
        assertEquals(List.of(10_000L, 4_000L, 2_500L), List.of(b.creditedGenerationWh(), b.exportWh(), b.withheldWh()));
        assertEquals(List.of(24L, 20L), List.of(b.hours(), b.hoursWithReadings()), "the least of its devices: the meter's 20");
        assertEquals(List.of(24L, 0L), List.of(c.hours(), c.hoursWithReadings()), "left out: no completeness counted");
        assertEquals("route-b", b.dataSource());
        assertTrue(report.claim().text().contains("battery home-b-bat 3000 2500 2000\n"), report.claim().text());
        assertFalse(report.claim().text().contains("home-c"), "no line of a member left out: " + report.claim().text());

        List<MemberSite> homeB = client.toBlocking().retrieve(post("/projects/prog-1/member-sites/home-b/leave",
                Map.of("leftOn", "2026-07-01")), io.micronaut.core.type.Argument.listOf(MemberSite.class));
        assertEquals(List.of(LocalDate.of(2026, 7, 1)), homeB.stream().map(MemberSite::leftOn).toList(),
                "the answer is the site's own memberships");
        assertEquals(List.of("home-a-pv"), julyFirst().devices().stream().map(MonitoringReport.DeviceEnergy::deviceId).toList(),
                "home-b left at the start of 1 July");

        // A site is in one programme on any day.
        client.toBlocking().exchange(post("/projects", new Project("prog-2", "Another programme", "EN-R-002 Ver3.0",
                ServiceFixture.fiscalYearFactors(Map.of("2026", new BigDecimal("0.45"))), List.of("home-d-pv", "home-d-meter"), null,
                "J-Credit", null)));
        Problem twice = ServiceFixture.refused(client, post("/projects/prog-2/member-sites", List.of(
                member("home-a", LocalDate.of(2026, 9, 1), null))), HttpStatus.CONFLICT);
        assertTrue(twice.detail().startsWith("nothing enrolled: site home-a is a member of project prog-1 from 2026-06-01 on"),
                twice.detail());
        Problem afterLeaving = ServiceFixture.refused(client, post("/projects/prog-2/member-sites", List.of(
                member("home-b", LocalDate.of(2026, 6, 1), null))), HttpStatus.CONFLICT);
        assertTrue(afterLeaving.detail().contains("site home-b is a member of project prog-1 from 2026-06-15 to 2026-07-01"),
                afterLeaving.detail());
        Problem ordinary = ServiceFixture.refused(client, post("/projects", new Project("plain-1", "A member's PV again", "EN-R-002 Ver3.0",
                ServiceFixture.fiscalYearFactors(Map.of("2026", new BigDecimal("0.45"))), List.of("home-a-pv", "home-a-meter"), null,
                "J-Credit", null)), HttpStatus.CONFLICT);
        assertTrue(ordinary.detail().startsWith("device home-a-meter is at site home-a, a member of programme prog-1"), ordinary.detail());
        assertEquals(HttpStatus.CREATED, client.toBlocking().exchange(post("/projects/prog-2/member-sites", List.of(
                member("home-b", LocalDate.of(2026, 8, 1), null)))).getStatus(), "home-b, having left prog-1, may join prog-2 later");
    }

    @Test
    void enrolmentIsCheckedFieldByFieldAndOnlyForJCreditProjects() {
        Problem badConsent = ServiceFixture.refused(client, post("/projects/prog-1/member-sites", List.of(
                new MemberSite("home-a", "not a hash", ELIGIBILITY, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 1), null, "metered"))),
                HttpStatus.BAD_REQUEST);
        assertTrue(badConsent.detail().startsWith("'consentSha256' must be the document's SHA-256"), badConsent.detail());
        Problem early = ServiceFixture.refused(client, post("/projects/prog-1/member-sites", List.of(
                new MemberSite("home-a", CONSENT, ELIGIBILITY, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 5, 1), null, "metered"))),
                HttpStatus.BAD_REQUEST);
        assertTrue(early.detail().contains("'creditingStartOn' 2026-05-01 is before it joined"), early.detail());
        Problem unknown = ServiceFixture.refused(client, post("/projects/prog-1/member-sites", List.of(
                member("nowhere", LocalDate.of(2026, 6, 1), null))), HttpStatus.CONFLICT);
        assertTrue(unknown.detail().contains("site nowhere has no registered devices"), unknown.detail());
        ServiceFixture.onboard(client, admin, "jcm-roof", "jcm-inv=inverter");
        client.toBlocking().exchange(post("/projects", new Project("jcm-1", "Bangkok roof", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.5"), List.of("jcm-inv"), null, null, null)));
        Problem jcm = ServiceFixture.refused(client, post("/projects/jcm-1/member-sites", List.of(
                member("home-a", LocalDate.of(2026, 6, 1), null))), HttpStatus.CONFLICT);
        assertTrue(jcm.detail().endsWith("programme-type projects (member sites) are J-Credit's"), jcm.detail());
    }

    @Test
    void onlyTheProgrammesParticipantEnrols() {
        String outsider = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "other-creator",
                "role", "CREATOR")).bearerAuth(admin), Map.class).get("token");
        String operator = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "prog-operator",
                "role", "OPERATOR")).bearerAuth(admin), Map.class).get("token");
        ServiceFixture.addMember(client, admin, "prog-1", "token:prog-operator");
        List<MemberSite> homeC = List.of(member("home-c", LocalDate.of(2026, 9, 1), null));
        Problem notAMember = ServiceFixture.refused(client, HttpRequest.POST("/projects/prog-1/member-sites", homeC).bearerAuth(outsider),
                HttpStatus.FORBIDDEN);
        assertTrue(notAMember.detail().contains("is not a member of project prog-1"), notAMember.detail());
        ServiceFixture.refused(client, HttpRequest.POST("/projects/prog-1/member-sites", homeC).bearerAuth(operator), HttpStatus.FORBIDDEN);
        ServiceFixture.refused(client, HttpRequest.GET("/projects/prog-1/member-sites").bearerAuth(outsider), HttpStatus.FORBIDDEN);
    }
}
