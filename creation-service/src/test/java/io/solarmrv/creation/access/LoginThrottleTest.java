package io.solarmrv.creation.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-12-05T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private LoginThrottle throttle(int concurrent, int maxTracked) {
        return new LoginThrottle(clock, 3, Duration.ofSeconds(1), Duration.ofSeconds(10), concurrent, maxTracked);
    }

    private static void fail(LoginThrottle throttle, String address, String account) {
        assertTrue(throttle.admit(address, account).isEmpty(), "admitted");
        throttle.failed(address, account);
    }

    private static Duration refusedFor(LoginThrottle throttle, String address, String account) {
        return throttle.admit(address, account).orElseThrow(() -> new AssertionError("should be refused")).retryAfter();
    }

    @Test
    void theFirstFailuresAreFreeThenEachTryWaitsTwiceAsLongUpToTheMaximum() {
        LoginThrottle throttle = throttle(4, 100);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "10.0.0.1", "alice");
        }
        assertEquals(Duration.ofSeconds(1), refusedFor(throttle, "10.0.0.1", "alice"));
        now = now.plusSeconds(1);
        fail(throttle, "10.0.0.1", "alice");
        assertEquals(Duration.ofSeconds(2), refusedFor(throttle, "10.0.0.1", "alice"));
        for (int i = 0; i < 5; i++) {
            now = now.plusSeconds(10);
            fail(throttle, "10.0.0.1", "alice");
        }
        assertEquals(Duration.ofSeconds(10), refusedFor(throttle, "10.0.0.1", "alice"), "never more than the maximum");
    }

    @Test
    void aRefusedTryIsNotCheckedAndDoesNotLengthenTheWait() {
        LoginThrottle throttle = throttle(4, 100);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "10.0.0.1", "alice");
        }
        for (int i = 0; i < 50; i++) {
            refusedFor(throttle, "10.0.0.1", "alice");
        }
        now = now.plusSeconds(1);
        assertTrue(throttle.admit("10.0.0.1", "alice").isEmpty(), "the wait ran from the last checked failure");
    }

    @Test
    void anAccountIsThrottledFromEveryAddressAndAnAddressForEveryAccount() {
        LoginThrottle throttle = throttle(4, 100);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "10.0.0." + i, "alice");
            fail(throttle, "192.0.2.7", "user-" + i);
        }
        assertTrue(refusedFor(throttle, "10.0.0.99", "alice").compareTo(Duration.ZERO) > 0, "a new address for the same account");
        assertTrue(refusedFor(throttle, "192.0.2.7", "bob").compareTo(Duration.ZERO) > 0, "a new account from the same address");
    }

    @Test
    void aSuccessClearsTheCount() {
        LoginThrottle throttle = throttle(4, 100);
        fail(throttle, "10.0.0.1", "alice");
        fail(throttle, "10.0.0.1", "alice");
        assertTrue(throttle.admit("10.0.0.1", "alice").isEmpty());
        throttle.succeeded("10.0.0.1", "alice");
        fail(throttle, "10.0.0.1", "alice");
        fail(throttle, "10.0.0.1", "alice");
        assertTrue(throttle.admit("10.0.0.1", "alice").isEmpty(), "two failures since the success, not four");
    }

    @Test
    void noMoreThanTheConcurrentLimitIsHashedAtOnce() {
        LoginThrottle throttle = throttle(1, 100);
        assertTrue(throttle.admit("10.0.0.1", "alice").isEmpty());
        LoginThrottle.Refusal busy = throttle.admit("10.0.0.2", "bob").orElseThrow();
        assertTrue(busy.reason().startsWith("the service is busy"), busy.reason());
        throttle.abandoned();
        assertTrue(throttle.admit("10.0.0.2", "bob").isEmpty(), "the place is free again");
    }

    @Test
    void itRemembersABoundedNumberOfAccountsForgettingTheLeastRecent() {
        LoginThrottle throttle = throttle(4, 2);
        for (int i = 0; i < 3; i++) {
            fail(throttle, "10.0.0.1", "alice");
        }
        fail(throttle, "10.0.0.2", "bob");
        fail(throttle, "10.0.0.3", "carol");
        assertTrue(throttle.admit("10.0.0.4", "alice").isEmpty(), "alice's failures were forgotten to make room");
    }
}
