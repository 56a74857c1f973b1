package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.creation.cycle.ProjectCycle;
import io.solarmrv.creation.cycle.Stage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The JCM and J-Credit project cycles: stages in order, each by its role, with its document. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CycleApiTest implements TestPropertyProvider {
    private static EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient client;

    private final Map<String, String> tokens = new HashMap<>();

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        return ServiceFixture.properties(postgres);
    }

    @BeforeAll
    void accounts() {
        String admin = ServiceFixture.signInAsAdmin(client);
        tokens.put("ADMIN", admin);
        for (String role : List.of("CREATOR", "VERIFIER")) {
            tokens.put(role, (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens",
                    Map.of("name", "cycle-" + role.toLowerCase(), "role", role)).bearerAuth(admin), Map.class).get("token"));
        }
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("mn-pv", "Chiang Mai PV", "TH_AM001 Ver1.0",
                ServiceFixture.jcmFactor("0.797"), List.of("d-1"), null, "JCM", "Thailand")).bearerAuth(admin));
        ServiceFixture.onboard(client, admin, "kyoto-roof", "d-2=inverter");
        client.toBlocking().exchange(HttpRequest.POST("/projects", new Project("jp-pv", "Kyoto rooftops", "EN-R-002 ver 3.0",
                ServiceFixture.fiscalYearFactors(Map.of("2026", new BigDecimal("0.441"))), List.of("d-2"), null, "J-Credit", null)).bearerAuth(admin));
        for (String project : List.of("mn-pv", "jp-pv")) {
            ServiceFixture.addMember(client, admin, project, "token:cycle-creator");
            ServiceFixture.addMember(client, admin, project, "token:cycle-verifier");
        }
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }

    private HttpClientResponseException record(String project, String stage, String role, String date) {
        return assertThrows(HttpClientResponseException.class, () -> post(project, stage, role, date));
    }

    private ProjectCycle.Status post(String project, String stage, String role, String date) {
        return client.toBlocking().retrieve(HttpRequest.POST("/projects/" + project + "/cycle", Map.of("stage", stage,
                "documentName", stage.toLowerCase() + ".pdf", "documentSha256", "cd".repeat(32), "effectiveOn", date))
                .bearerAuth(tokens.get(role)), ProjectCycle.Status.class);
    }

    private io.micronaut.http.MutableHttpRequest<?> registrationRequest(String project, Map<String, Object> crediting) {
        Map<String, Object> body = new HashMap<>(Map.of("stage", "REGISTRATION", "documentName", "registration.pdf",
                "documentSha256", "cd".repeat(32), "effectiveOn", "2026-05-01"));
        body.putAll(crediting);
        return HttpRequest.POST("/projects/" + project + "/cycle", body).bearerAuth(tokens.get("ADMIN"));
    }

    private Problem registration(String project, Map<String, Object> crediting, HttpStatus status) {
        return ServiceFixture.refused(client, registrationRequest(project, crediting), status);
    }

    @Test
    void aJcmProjectGoesFromIdeaNoteToRegistrationInOrderEachStageByItsRole() {
        HttpClientResponseException skipped = record("mn-pv", "PDD", "CREATOR", "2026-01-10");
        assertEquals(HttpStatus.CONFLICT, skipped.getStatus());
        assertTrue(skipped.getResponse().getBody(Problem.class).orElseThrow().detail().contains("the next stage of mn-pv (JCM) is PIN, not PDD"));

        assertEquals(Stage.METHODOLOGY, post("mn-pv", "PIN", "CREATOR", "2026-01-10").next());
        post("mn-pv", "METHODOLOGY", "CREATOR", "2026-02-01");
        post("mn-pv", "PDD", "CREATOR", "2026-03-01");
        HttpClientResponseException creatorValidates = record("mn-pv", "VALIDATION", "CREATOR", "2026-04-01");
        assertEquals(HttpStatus.FORBIDDEN, creatorValidates.getStatus());
        assertTrue(creatorValidates.getResponse().getBody(Problem.class).orElseThrow().detail().contains("recorded by VERIFIER"));
        HttpClientResponseException backdated = record("mn-pv", "VALIDATION", "VERIFIER", "2026-02-15");
        assertEquals(HttpStatus.BAD_REQUEST, backdated.getStatus());
        post("mn-pv", "VALIDATION", "VERIFIER", "2026-04-01");
        assertEquals(HttpStatus.FORBIDDEN, record("mn-pv", "REGISTRATION", "VERIFIER", "2026-05-01").getStatus());
        Problem early = registration("mn-pv", Map.of("creditingFrom", "2026-03-01"), HttpStatus.BAD_REQUEST);
        assertTrue(early.detail().startsWith("'creditingFrom' 2026-03-01 is before the registration (2026-05-01): JCM lets monitoring"
                + " begin before registration only where the third-party entity validated and verified together"), early.detail());
        Problem endsFirst = registration("mn-pv", Map.of("creditingUntil", "2026-05-01"), HttpStatus.BAD_REQUEST);
        assertTrue(endsFirst.detail().startsWith("'creditingUntil' (2026-05-01) must be after the crediting period's first day"),
                endsFirst.detail());
        ProjectCycle.Status registered = client.toBlocking().retrieve(registrationRequest("mn-pv", Map.of("creditingFrom", "2026-04-15",
                "creditingUntil", "2031-01-01", "validatedWithVerification", true)), ProjectCycle.Status.class);
        assertNull(registered.next());
        assertEquals("2026-05-01", registered.registration().orElseThrow().effectiveOn().toString());
        assertEquals(new io.solarmrv.creation.cycle.CreditingTerms(java.time.LocalDate.of(2026, 4, 15), java.time.LocalDate.of(2031, 1, 1),
                true), registered.registration().orElseThrow().crediting());
        assertEquals(HttpStatus.CONFLICT, record("mn-pv", "REGISTRATION", "ADMIN", "2026-05-02").getStatus());
    }

    @Test
    void aJCreditProjectHasItsOwnStagesAndDocumentsAreCheckedHashes() {
        HttpClientResponseException jcmStage = record("jp-pv", "PIN", "CREATOR", "2026-01-10");
        assertTrue(jcmStage.getResponse().getBody(Problem.class).orElseThrow().detail().contains("(J-Credit) is PLAN"));
        HttpClientResponseException badHash = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/projects/jp-pv/cycle", Map.of("stage", "PLAN", "documentName", "plan.pdf", "documentSha256", "nope",
                        "effectiveOn", "2026-01-10")).bearerAuth(tokens.get("CREATOR"))));
        assertEquals(HttpStatus.BAD_REQUEST, badHash.getStatus());
        assertEquals(Stage.VALIDATION, post("jp-pv", "PLAN", "CREATOR", "2026-01-10").next());
        assertEquals("J-Credit", client.toBlocking().retrieve(HttpRequest.GET("/projects/jp-pv/cycle").bearerAuth(tokens.get("VERIFIER")),
                ProjectCycle.Status.class).scheme());
        post("jp-pv", "VALIDATION", "VERIFIER", "2026-03-01");
        Problem jCreditTerms = registration("jp-pv", Map.of("creditingUntil", "2030-01-01"), HttpStatus.BAD_REQUEST);
        assertTrue(jCreditTerms.detail().contains("is recorded with a JCM project's REGISTRATION; J-Credit's follows from the"
                + " registration date"), jCreditTerms.detail());

        Problem noReport = ServiceFixture.refused(client, HttpRequest.GET("/projects/jp-pv/report?from=2026-06-01T00:00:00Z"
                + "&to=2026-07-01T00:00:00Z").bearerAuth(tokens.get("VERIFIER")), HttpStatus.CONFLICT);
        assertTrue(noReport.detail().contains("only self-consumed electricity counts (generation minus export)"), noReport.detail());
    }
}
