package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeviceHealthTest {
    @Test
    void failuresBackOffExponentiallyUpToFiveMinutesAndASuccessResets() {
        DeviceHealth health = new DeviceHealth(Duration.ofSeconds(10));
        Instant t = Instant.parse("2026-06-21T00:00:00Z");
        assertTrue(health.due(t));
        assertEquals(Duration.ofSeconds(10), health.failed(t, "timeout"));
        assertFalse(health.due(t.plusSeconds(5)));
        assertTrue(health.due(t.plusSeconds(10)));
        assertEquals(Duration.ofSeconds(20), health.failed(t, "timeout"));
        assertEquals(Duration.ofSeconds(40), health.failed(t, "timeout"));
        for (int i = 0; i < 40; i++) {
            health.failed(t, "timeout");
        }
        assertEquals(Duration.ofMinutes(5), health.failed(t, "down all day"), "capped: a device back after a day is polled within 5 minutes");
        assertEquals(44, health.status().consecutiveFailures());
        assertEquals("down all day", health.status().lastError());
        assertTrue(health.succeeded());
        assertTrue(health.due(t));
        assertFalse(health.succeeded());
    }
}
