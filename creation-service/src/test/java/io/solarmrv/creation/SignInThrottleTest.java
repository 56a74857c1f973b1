package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /login against guessing: after five failures a try waits, unchecked, whatever its password. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleTest implements TestPropertyProvider {
    private final EmbeddedPostgres postgres = ServiceFixture.startPostgres();

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return ServiceFixture.properties(postgres);
    }

    @AfterAll
    void stop() throws Exception {
        postgres.close();
    }

    private static MutableHttpRequest<?> login(String password) {
        return HttpRequest.POST("/login", Map.of("username", "admin", "password", password));
    }

    @Test
    void guessingIsSlowedDownAndTheRightPasswordWaitsToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(HttpStatus.UNAUTHORIZED, ServiceFixture.statusOf(client, login("guess " + i)));
        }
        HttpClientResponseException throttled = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(login(ServiceFixture.ADMIN_PASSWORD)));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, throttled.getStatus(), "the right password is not even checked");
        String retryAfter = throttled.getResponse().getHeaders().get("Retry-After");
        assertEquals("1", retryAfter);
        Problem problem = throttled.getResponse().getBody(Problem.class).orElseThrow();
        assertTrue(problem.detail().startsWith("too many failed sign-ins for this account or from this address"), problem.detail());

        Thread.sleep(1_100);
        assertTrue(ServiceFixture.signInAsAdmin(client).length() > 20, "after the wait the right password signs in");
        assertEquals(HttpStatus.UNAUTHORIZED, ServiceFixture.statusOf(client, login("wrong again")), "and the count started over");
    }
}
