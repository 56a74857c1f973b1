package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.creation.access.Roles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sign-in, API tokens, and every role tried on every endpoint it must not reach. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessApiTest implements TestPropertyProvider {
    /** One endpoint and the roles that may reach it; every other role must get 403, no credential 401. */
    record Endpoint(HttpMethod method, String path, Object body, Set<String> allowed) {
        MutableHttpRequest<?> request() {
            if (body instanceof Csv csv) {
                return HttpRequest.create(method, path).body(csv.text()).contentType("text/csv");
            }
            MutableHttpRequest<Object> request = HttpRequest.create(method, path).body(body == null ? "" : body);
            return body instanceof String ? request.contentType(MediaType.TEXT_PLAIN) : request;
        }

        /** The same request on the second project, its site and its device, which the matrix's tokens are no members of. */
        Endpoint onProjectY() {
            return new Endpoint(method, path.replace("/projects/p-x", "/projects/p-y").replace("/sites/s-x", "/sites/s-y")
                    .replace("/devices/d-x", "/devices/d-y"), body, allowed);
        }

        boolean scopedByPath() {
            return path.startsWith("/projects/p-x") || path.startsWith("/sites/s-x") || path.startsWith("/devices/d-x");
        }
    }

    /** A CSV body. */
    record Csv(String text) {
    }

    private static final Set<String> EVERYONE = Set.copyOf(Roles.ALL);
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.POST, "/projects", Map.of("id", "p-x", "name", "x", "methodology", "TH_AM001 Ver1.0",
                    "emissionFactors", List.of(Map.of("tco2PerMwh", 0.5, "effectiveFrom", "2015-01-01", "source", "test fixture value")), "deviceIds", List.of("d")), Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/projects/p-x/emission-factors", Map.of("tco2PerMwh", 0.5, "effectiveFrom", "2015-01-01",
                    "source", "test fixture value"), Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/report?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/audit", null, Set.of(Roles.ADMIN, Roles.AUDITOR, Roles.VERIFIER)),
            new Endpoint(HttpMethod.GET, "/audit/verify", null, Set.of(Roles.ADMIN, Roles.AUDITOR, Roles.VERIFIER)),
            new Endpoint(HttpMethod.POST, "/users", Map.of("username", "u-x", "password", "a long enough password",
                    "role", Roles.AUDITOR), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/tokens", Map.of("name", "t-x", "role", Roles.AUDITOR), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.DELETE, "/tokens/t-x", null, Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/me", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/me/password", Map.of("currentPassword", "x", "newPassword", "y"), EVERYONE),
            new Endpoint(HttpMethod.POST, "/users/u-x/disable", Map.of(), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/users/u-x/enable", Map.of(), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.PUT, "/users/u-x/password", Map.of("password", "a long enough password"), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/sites", Map.of("id", "s-x", "name", "x", "latitude", 35, "longitude", 139),
                    Set.of(Roles.OPERATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/sites/s-x", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/devices", List.of(), Set.of(Roles.OPERATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/devices", new Csv("id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class\n"),
                    Set.of(Roles.OPERATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/sites/s-x/operators", null, EVERYONE),
            new Endpoint(HttpMethod.PUT, "/sites/s-x/operators/token:matrix-operator", Map.of(), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.DELETE, "/sites/s-x/operators/nobody", null, Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/devices/keys", "d-x ed25519:00", Set.of(Roles.OPERATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/devices/d-x", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/devices/d-x/calibrations", Map.of("certificateId", "c"), Set.of(Roles.OPERATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/devices/d-x/meter-replacements", Map.of("finalSequence", 1), Set.of(Roles.OPERATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/devices/d-x/key-revocations", Map.of("key", "ed25519:00", "reason", "stolen"),
                    Set.of(Roles.OPERATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/registry.txt", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/log/checkpoint", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/log/tile/0/000", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/log/tile/entries/000", null, Set.of(Roles.ADMIN, Roles.AUDITOR)),
            new Endpoint(HttpMethod.GET, "/devices/d-x/reading?at=2026-01-01T00:00:00Z", null,
                    Set.of(Roles.VERIFIER, Roles.AUDITOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/quality.properties", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods", Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z"),
                    Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/projects/p-x/cycle", Map.of("stage", "PIN", "documentName", "pin.pdf",
                    "documentSha256", "ab".repeat(32), "effectiveOn", "2026-01-01"), Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/members", null, EVERYONE),
            new Endpoint(HttpMethod.PUT, "/projects/p-x/members/token:matrix-creator", Map.of(), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.DELETE, "/projects/p-x/members/nobody", null, Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/cycle", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/participant", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/projects/p-x/participant/rotations", Map.of("reason", "x"), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/devices", null, EVERYONE),
            new Endpoint(HttpMethod.PUT, "/projects/p-x/allocation", Map.of("governmentFunded", false), Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/allocation", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/projects/p-x/member-sites", List.of(), Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/member-sites/s-x/leave", Map.of("leftOn", "2026-01-01"),
                    Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/member-sites", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/member-sample", null, Set.of(Roles.VERIFIER, Roles.AUDITOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/issuance", null, EVERYONE),
            new Endpoint(HttpMethod.PUT, "/projects/p-x/periods/1/article6", Map.of("correspondingAdjustment", "APPLIED"), Set.of(Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/report.json", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/claim.txt", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/checklist", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/actions", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/report.xlsx", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/report.pdf", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/verification-report.pdf", null, EVERYONE),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/bundle.json", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/restate", Map.of(), Set.of(Roles.CREATOR, Roles.ADMIN, Roles.VERIFIER)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/resubmission", Map.of(), Set.of(Roles.CREATOR, Roles.ADMIN)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/decision-digest?approve=true&statement=x", null,
                    Set.of(Roles.VERIFIER, Roles.ADMIN)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/decision", Map.of("approve", true), Set.of(Roles.VERIFIER)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/samples", Map.of("size", 1), Set.of(Roles.VERIFIER, Roles.AUDITOR)),
            new Endpoint(HttpMethod.GET, "/projects/p-x/periods/1/findings", null, EVERYONE),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/findings", Map.of("type", "CL", "text", "x"), Set.of(Roles.VERIFIER)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/findings/1/answer", Map.of("text", "x"), Set.of(Roles.CREATOR)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/findings/1/close", Map.of("text", "x"), Set.of(Roles.VERIFIER)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/findings/1/reopen", Map.of("text", "x"), Set.of(Roles.VERIFIER)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/issuance", Map.of(), Set.of(Roles.CREATOR)),
            new Endpoint(HttpMethod.POST, "/projects/p-x/periods/1/issue", Map.of(), Set.of(Roles.ADMIN)));

    private static EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient client;

    private String admin;
    private final Map<String, String> tokenByRole = new HashMap<>();

    @Override
    public Map<String, String> getProperties() {
        postgres = ServiceFixture.startPostgres();
        return ServiceFixture.properties(postgres);
    }

    @BeforeAll
    void oneTokenPerRole() {
        admin = ServiceFixture.signInAsAdmin(client);
        for (String role : Roles.ALL) {
            Map<?, ?> issued = client.toBlocking().retrieve(HttpRequest.POST("/tokens",
                    Map.of("name", "matrix-" + role.toLowerCase(), "role", role)).bearerAuth(admin), Map.class);
            tokenByRole.put(role, (String) issued.get("token"));
        }
        // The matrix's project p-x, with its site s-x and device d-x: the operator's token operates the site, and the
        // creator's, verifier's and operator's tokens are members of the project.
        ServiceFixture.onboard(client, tokenByRole.get(Roles.OPERATOR), "s-x", "d-x=inverter");
        client.toBlocking().exchange(HttpRequest.POST("/projects", project("p-x", "d-x")).bearerAuth(tokenByRole.get(Roles.CREATOR)));
        ServiceFixture.addMember(client, admin, "p-x", "token:matrix-verifier");
        ServiceFixture.addMember(client, admin, "p-x", "token:matrix-operator");
        // A second project p-y, at site s-y with device d-y, that no matrix token belongs to.
        ServiceFixture.onboard(client, admin, "s-y", "d-y=inverter");
        client.toBlocking().exchange(HttpRequest.POST("/projects", project("p-y", "d-y")).bearerAuth(admin));
    }

    /** The ids {@code GET /projects} lists to the token. */
    private List<String> listedProjects(String token) {
        ProjectListing listing = client.toBlocking().retrieve(HttpRequest.GET("/projects").bearerAuth(token), ProjectListing.class);
        return listing.projects().stream().map(ProjectListing.Entry::id).toList();
    }

    private static Map<String, Object> project(String id, String device) {
        return Map.of("id", id, "name", id, "methodology", "TH_AM001 Ver1.0", "emissionFactors", List.of(Map.of("tco2PerMwh", 0.5,
                "effectiveFrom", "2015-01-01", "source", "test fixture value")), "deviceIds", List.of(device));
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }

    @Test
    void everyRoleIsRefusedEveryEndpointItMustNotReach() {
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            for (String role : Roles.ALL) {
                if (endpoint.allowed().contains(role)) {
                    continue;
                }
                refusals++;
                HttpStatus status = statusOf(endpoint.request().bearerAuth(tokenByRole.get(role)));
                if (status != HttpStatus.FORBIDDEN) {
                    wrong.add(role + " " + endpoint.method() + " " + endpoint.path() + " -> " + status);
                }
            }
            HttpStatus anonymous = statusOf(endpoint.request());
            if (anonymous != HttpStatus.UNAUTHORIZED) {
                wrong.add("anonymous " + endpoint.method() + " " + endpoint.path() + " -> " + anonymous);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(140, refusals, "the matrix above tries 140 role/endpoint pairs that must be refused");
    }

    @Test
    void everyRouteOfAnotherProjectSiteOrDeviceIsRefusedToThoseNotInIt() {
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            if (!endpoint.scopedByPath()) {
                continue;
            }
            Endpoint other = endpoint.onProjectY();
            for (String role : List.of(Roles.CREATOR, Roles.VERIFIER, Roles.OPERATOR)) {
                refusals++;
                HttpStatus status = statusOf(other.request().bearerAuth(tokenByRole.get(role)));
                if (status != HttpStatus.FORBIDDEN) {
                    wrong.add(role + " " + other.method() + " " + other.path() + " -> " + status);
                }
            }
            if (endpoint.method() == HttpMethod.GET && endpoint.allowed().contains(Roles.AUDITOR)) {
                HttpStatus auditor = statusOf(other.request().bearerAuth(tokenByRole.get(Roles.AUDITOR)));
                if (auditor == HttpStatus.FORBIDDEN) {
                    wrong.add("an auditor reads every project, but " + other.path() + " -> " + auditor);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(153, refusals, "51 routes name a project, site or device in their path; each tried by three roles");

        for (String role : List.of(Roles.CREATOR, Roles.VERIFIER, Roles.OPERATOR)) {
            assertEquals(List.of("p-x"), listedProjects(tokenByRole.get(role)), role + " lists only the project it is a member of");
        }
        assertEquals(List.of("p-x", "p-y"), listedProjects(tokenByRole.get(Roles.AUDITOR)), "an auditor lists every project");
        assertTrue(listedProjects(tokenByRole.get(Roles.ADMIN)).containsAll(List.of("p-x", "p-y")), "the administrator too");

        Problem outside = ServiceFixture.refused(client, HttpRequest.GET("/projects/p-y/periods/1/bundle.json")
                .bearerAuth(tokenByRole.get(Roles.VERIFIER)), HttpStatus.FORBIDDEN);
        assertEquals("'token:matrix-verifier' is not a member of project p-y", outside.detail());
        Problem keys = ServiceFixture.refused(client, HttpRequest.POST("/devices/keys", DeviceRegistry.registrationLine("d-y",
                GatewayKey.generate(new SecureRandom()))).contentType(MediaType.TEXT_PLAIN).bearerAuth(tokenByRole.get(Roles.OPERATOR)),
                HttpStatus.FORBIDDEN);
        assertEquals("'token:matrix-operator' is not an operator of the site of device d-y; nothing stored", keys.detail());
        Problem devices = ServiceFixture.refused(client, HttpRequest.POST("/devices", List.of(Map.of("id", "d-y2", "siteId", "s-y",
                "gatewayId", "gw-1", "kind", "inverter", "meterSerial", "SN-d-y2", "nameplateW", 1_000, "accuracyClass", "1")))
                .bearerAuth(tokenByRole.get(Roles.OPERATOR)), HttpStatus.FORBIDDEN);
        assertEquals("'token:matrix-operator' is not an operator of site s-y; nothing stored", devices.detail());
        Problem csv = ServiceFixture.refused(client, HttpRequest.POST("/devices", "id,site_id,gateway_id,kind,meter_serial,"
                + "nameplate_w,accuracy_class\nd-y3,s-y,gw-1,inverter,SN-d-y3,1000,1\n").contentType("text/csv")
                .bearerAuth(tokenByRole.get(Roles.OPERATOR)), HttpStatus.FORBIDDEN);
        assertEquals(devices.detail(), csv.detail());
        assertEquals(HttpStatus.NOT_FOUND, statusOf(HttpRequest.GET("/devices/d-y2").bearerAuth(admin)), "nothing was stored");
    }

    @Test
    void theAdministratorAssignsMembersAndRemovingOneEndsItsAccess() {
        client.toBlocking().exchange(HttpRequest.POST("/tokens", Map.of("name", "tpe-2", "role", Roles.VERIFIER)).bearerAuth(admin));
        String tpe = (String) client.toBlocking().retrieve(HttpRequest.POST("/tokens", Map.of("name", "tpe-3", "role", Roles.VERIFIER))
                .bearerAuth(admin), Map.class).get("token");
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.GET("/projects/p-y").bearerAuth(tpe)));
        Map<?, ?> members = client.toBlocking().retrieve(HttpRequest.PUT("/projects/p-y/members/token:tpe-3", Map.of())
                .bearerAuth(admin), Map.class);
        assertEquals(List.of("admin", "token:tpe-3"), members.get("principals"), "the registering administrator is listed too");
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/projects/p-y").bearerAuth(tpe)));
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/devices/d-y").bearerAuth(tpe)), "a member reads the project's devices");
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.GET("/projects/p-x").bearerAuth(tpe)), "and no other project");

        client.toBlocking().exchange(HttpRequest.DELETE("/projects/p-y/members/token:tpe-3").bearerAuth(admin));
        assertEquals(HttpStatus.FORBIDDEN, statusOf(HttpRequest.GET("/projects/p-y").bearerAuth(tpe)), "removal ends access at once");

        Problem auditor = ServiceFixture.refused(client, HttpRequest.PUT("/projects/p-y/members/token:matrix-auditor", Map.of())
                .bearerAuth(admin), HttpStatus.BAD_REQUEST);
        assertTrue(auditor.detail().contains("role AUDITOR reaches every project and site already"), auditor.detail());
        Problem unknown = ServiceFixture.refused(client, HttpRequest.PUT("/projects/p-y/members/nobody", Map.of()).bearerAuth(admin),
                HttpStatus.NOT_FOUND);
        assertTrue(unknown.detail().startsWith("no account 'nobody'"), unknown.detail());
        Problem noProject = ServiceFixture.refused(client, HttpRequest.PUT("/projects/p-none/members/token:tpe-2", Map.of())
                .bearerAuth(admin), HttpStatus.NOT_FOUND);
        assertEquals("no project p-none", noProject.detail());
        Problem operatorRole = ServiceFixture.refused(client, HttpRequest.PUT("/sites/s-y/operators/token:tpe-2", Map.of())
                .bearerAuth(admin), HttpStatus.BAD_REQUEST);
        assertTrue(operatorRole.detail().startsWith("'token:tpe-2' has role VERIFIER; a site operator has one of OPERATOR"),
                operatorRole.detail());

        AuditEntry[] entries = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(Arrays.stream(entries).anyMatch(e -> e.action().equals("project.member.add") && e.subject().equals("p-y")
                && e.details().contains("token:tpe-3")));
        assertTrue(Arrays.stream(entries).anyMatch(e -> e.action().equals("project.member.remove") && e.subject().equals("p-y")));
    }

    @Test
    void aVerifierReadsTheAuditEntriesOfItsOwnProjectsOnly() {
        AuditEntry[] seen = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(tokenByRole.get(Roles.VERIFIER)),
                AuditEntry[].class);
        assertTrue(Arrays.stream(seen).anyMatch(e -> e.action().equals("project.create") && e.subject().equals("p-x")));
        List<String> others = Arrays.stream(seen).map(AuditEntry::subject).filter(subject -> !subject.equals("p-x")
                && !subject.startsWith("p-x/")).toList();
        assertEquals(List.of(), others, "no entry about another project, account, site or device");
        AuditEntry[] all = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(tokenByRole.get(Roles.AUDITOR)),
                AuditEntry[].class);
        assertTrue(Arrays.stream(all).anyMatch(e -> e.subject().equals("p-y")), "an auditor reads every entry");
    }

    @Test
    void allowedRolesGetThrough() {
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.method() == HttpMethod.GET) {
                for (String role : endpoint.allowed()) {
                    HttpStatus status = statusOf(endpoint.request().bearerAuth(tokenByRole.get(role)));
                    assertTrue(status != HttpStatus.FORBIDDEN && status != HttpStatus.UNAUTHORIZED,
                            role + " " + endpoint.path() + " -> " + status);
                }
            }
        }
    }

    @Test
    void refusalsAreProblemDetailsThatSayWhoAndWhat() {
        HttpClientResponseException forbidden = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.GET("/audit").bearerAuth(tokenByRole.get(Roles.OPERATOR))));
        Problem problem = forbidden.getResponse().getBody(Problem.class).orElseThrow();
        assertEquals("'token:matrix-operator' (role OPERATOR) may not GET /audit", problem.detail());
        assertEquals("application/problem+json", forbidden.getResponse().getContentType().orElseThrow().toString());

        HttpClientResponseException anonymous = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.GET("/audit")));
        assertEquals("Bearer", anonymous.getResponse().header("WWW-Authenticate"));
        assertTrue(anonymous.getResponse().getBody(Problem.class).orElseThrow().detail().contains("POST /login"));
    }

    @Test
    void peopleSignInWithAPasswordAndGetTheirRole() {
        client.toBlocking().exchange(HttpRequest.POST("/users", Map.of("username", "tpe@verifier.example",
                "password", "verifier's long password", "role", Roles.VERIFIER)).bearerAuth(admin));
        String jwt = ServiceFixture.signIn(client, "tpe@verifier.example", "verifier's long password");
        assertEquals(3, jwt.split("\\.").length, "a JWT");
        Map<?, ?> me = client.toBlocking().retrieve(HttpRequest.GET("/me").bearerAuth(jwt), Map.class);
        assertEquals("tpe@verifier.example", me.get("name"));
        assertEquals(List.of(Roles.VERIFIER), me.get("roles"));

        HttpClientResponseException wrongPassword = assertThrows(HttpClientResponseException.class,
                () -> ServiceFixture.signIn(client, "tpe@verifier.example", "not the password"));
        assertEquals(HttpStatus.UNAUTHORIZED, wrongPassword.getStatus());
        assertEquals("username or password does not match",
                wrongPassword.getResponse().getBody(Problem.class).orElseThrow().detail());
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(jwt.substring(0, jwt.length() - 4) + "AAAA")),
                "a JWT with a forged signature");
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndSignInUntilEnabled() {
        client.toBlocking().exchange(HttpRequest.POST("/users", Map.of("username", "leaver@example.org",
                "password", "leaver's long password", "role", Roles.CREATOR)).bearerAuth(admin));
        String session = ServiceFixture.signIn(client, "leaver@example.org", "leaver's long password");
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/me").bearerAuth(session)));

        client.toBlocking().exchange(HttpRequest.POST("/users/leaver@example.org/disable", Map.of()).bearerAuth(admin));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(session)), "the open session ends at once");
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> ServiceFixture.signIn(client, "leaver@example.org", "leaver's long password"));
        assertEquals("username or password does not match", refused.getResponse().getBody(Problem.class).orElseThrow().detail(),
                "a disabled account is refused as a wrong password is");

        client.toBlocking().exchange(HttpRequest.POST("/users/leaver@example.org/enable", Map.of()).bearerAuth(admin));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(session)), "enabling revives no old session");
        String again = ServiceFixture.signIn(client, "leaver@example.org", "leaver's long password");
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/me").bearerAuth(again)));

        Problem self = ServiceFixture.refused(client, HttpRequest.POST("/users/admin/disable", Map.of()).bearerAuth(admin),
                HttpStatus.BAD_REQUEST);
        assertTrue(self.detail().startsWith("an administrator cannot disable their own account"), self.detail());
        assertEquals(HttpStatus.NOT_FOUND, statusOf(HttpRequest.POST("/users/nobody/disable", Map.of()).bearerAuth(admin)));
        AuditEntry[] entries = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(Arrays.stream(entries).anyMatch(e -> e.action().equals("user.disable") && e.subject().equals("leaver@example.org")
                && e.actor().equals("admin")));
    }

    @Test
    void changingAPasswordEndsEverySessionAndNeedsTheCurrentOne() {
        client.toBlocking().exchange(HttpRequest.POST("/users", Map.of("username", "mover@example.org",
                "password", "mover's first password", "role", Roles.VERIFIER)).bearerAuth(admin));
        String laptop = ServiceFixture.signIn(client, "mover@example.org", "mover's first password");
        String phone = ServiceFixture.signIn(client, "mover@example.org", "mover's first password");

        Problem wrong = ServiceFixture.refused(client, HttpRequest.POST("/me/password", Map.of("currentPassword", "a guess at it",
                "newPassword", "mover's second password")).bearerAuth(phone), HttpStatus.FORBIDDEN);
        assertEquals("'currentPassword' is not the account's password", wrong.detail());
        Problem tooShort = ServiceFixture.refused(client, HttpRequest.POST("/me/password", Map.of("currentPassword",
                "mover's first password", "newPassword", "short")).bearerAuth(phone), HttpStatus.BAD_REQUEST);
        assertEquals("'password' must be at least 12 characters", tooShort.detail());
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/me").bearerAuth(laptop)), "refused changes end nothing");

        assertEquals(HttpStatus.NO_CONTENT, statusOf(HttpRequest.POST("/me/password", Map.of("currentPassword",
                "mover's first password", "newPassword", "mover's second password")).bearerAuth(phone)));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(laptop)), "the other session ends");
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(phone)), "and this one");
        assertThrows(HttpClientResponseException.class, () -> ServiceFixture.signIn(client, "mover@example.org", "mover's first password"));
        String fresh = ServiceFixture.signIn(client, "mover@example.org", "mover's second password");
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/me").bearerAuth(fresh)));

        client.toBlocking().exchange(HttpRequest.PUT("/users/mover@example.org/password", Map.of("password", "set by the registry"))
                .bearerAuth(admin));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(fresh)), "a reset ends sessions too");
        ServiceFixture.signIn(client, "mover@example.org", "set by the registry");
        Problem token = ServiceFixture.refused(client, HttpRequest.POST("/me/password", Map.of("currentPassword", "x",
                "newPassword", "y long enough!")).bearerAuth(tokenByRole.get(Roles.OPERATOR)), HttpStatus.BAD_REQUEST);
        assertTrue(token.detail().startsWith("an API token has no password"), token.detail());
    }

    @Test
    void badAccountRequestsAreNamed() {
        HttpClientResponseException shortPassword = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/users", Map.of("username", "bob", "password", "short", "role", Roles.AUDITOR))
                        .bearerAuth(admin)));
        assertEquals("'password' must be at least 12 characters",
                shortPassword.getResponse().getBody(Problem.class).orElseThrow().detail());
        HttpClientResponseException badRole = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/tokens", Map.of("name", "gw", "role", "ROOT")).bearerAuth(admin)));
        assertEquals(HttpStatus.BAD_REQUEST, badRole.getStatus());
        assertTrue(badRole.getResponse().getBody(Problem.class).orElseThrow().detail().contains("'role' must be one of"));
        HttpClientResponseException taken = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/tokens", Map.of("name", "matrix-admin", "role", Roles.ADMIN)).bearerAuth(admin)));
        assertEquals(HttpStatus.CONFLICT, taken.getStatus());
    }

    @Test
    void aRevokedTokenStopsWorkingAndOnlyItsHashIsStored() throws Exception {
        Map<?, ?> issued = client.toBlocking().retrieve(HttpRequest.POST("/tokens",
                Map.of("name", "gateway-7", "role", Roles.OPERATOR)).bearerAuth(admin), Map.class);
        String token = (String) issued.get("token");
        assertTrue(token.startsWith("mrv_"));
        Map<?, ?> me = client.toBlocking().retrieve(HttpRequest.GET("/me").bearerAuth(token), Map.class);
        assertEquals("token:gateway-7", me.get("name"));

        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("SELECT token_sha256 FROM api_tokens WHERE name = 'gateway-7'")) {
            rows.next();
            byte[] stored = rows.getBytes(1);
            assertNotEquals(token, new String(stored, java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(Arrays.equals(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)), stored));
        }

        client.toBlocking().exchange(HttpRequest.DELETE("/tokens/gateway-7").bearerAuth(admin));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(token)));
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth("mrv_never-issued")));

        AuditEntry[] entries = client.toBlocking().retrieve(HttpRequest.GET("/audit").bearerAuth(admin), AuditEntry[].class);
        assertTrue(Arrays.stream(entries).anyMatch(e -> e.action().equals("token.revoke") && e.subject().equals("gateway-7")
                && e.actor().equals("admin")));
    }

    @Test
    void aTokenExpiresAfterItsDaysAndNoneLivesLongerThanAYear() throws Exception {
        Map<?, ?> issued = client.toBlocking().retrieve(HttpRequest.POST("/tokens",
                Map.of("name", "gateway-8", "role", Roles.OPERATOR, "validDays", 30)).bearerAuth(admin), Map.class);
        String token = (String) issued.get("token");
        java.time.Instant expiresAt = java.time.Instant.parse((String) issued.get("expiresAt"));
        assertTrue(java.time.Duration.between(java.time.Instant.now(), expiresAt).toDays() >= 29, "expires in 30 days: " + expiresAt);
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/me").bearerAuth(token)));

        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE api_tokens SET expires_at_ms = " + (System.currentTimeMillis() - 1) + " WHERE name = 'gateway-8'");
        }
        assertEquals(HttpStatus.UNAUTHORIZED, statusOf(HttpRequest.GET("/me").bearerAuth(token)), "an expired token is refused");

        Map<?, ?> byDefault = client.toBlocking().retrieve(HttpRequest.POST("/tokens",
                Map.of("name", "gateway-9", "role", Roles.OPERATOR)).bearerAuth(admin), Map.class);
        long days = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse((String) byDefault.get("expiresAt"))).toDays();
        assertTrue(days >= 89 && days <= 90, "90 days unless asked: " + days);
        HttpClientResponseException forever = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/tokens", Map.of("name", "gateway-10", "role", Roles.OPERATOR, "validDays", 3650)).bearerAuth(admin)));
        assertEquals(HttpStatus.BAD_REQUEST, forever.getStatus());
        assertTrue(forever.getResponse().getBody(Problem.class).orElseThrow().detail().startsWith("'validDays' must be 1 to 365"));
    }

    @Test
    void withoutAChainPeriodsCannotBeClosedAndTheServiceSaysWhichSettingIsMissing() {
        client.toBlocking().exchange(HttpRequest.POST("/projects", Map.of("id", "p-nochain", "name", "x", "methodology", "TH_AM001 Ver1.0",
                "emissionFactors", List.of(Map.of("tco2PerMwh", 0.5, "effectiveFrom", "2015-01-01", "source", "test fixture value")), "deviceIds", List.of("d"))).bearerAuth(admin));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/projects/p-nochain/periods", Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z"))
                        .bearerAuth(admin)));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
        assertTrue(e.getResponse().getBody(Problem.class).orElseThrow().detail().contains("MRV_CHAIN_RPC_URL"));
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoSignIn() {
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/health")));
        assertEquals(HttpStatus.OK, statusOf(HttpRequest.GET("/openapi/creation-service.yml")));
    }

    private HttpStatus statusOf(MutableHttpRequest<?> request) {
        return ServiceFixture.statusOf(client, request);
    }
}
