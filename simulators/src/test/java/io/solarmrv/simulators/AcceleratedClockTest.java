package io.solarmrv.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AcceleratedClockTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-06-20T15:00:00Z");

    @Test
    void aHeldClockStandsAtItsStartUntilReleased() throws Exception {
        AcceleratedClock clock = AcceleratedClock.held(MIDNIGHT, MIDNIGHT.plusSeconds(86_400), 2880);
        Thread.sleep(50);
        assertEquals(MIDNIGHT, clock.instant(), "50 ms held would have been 144 s simulated");
        clock.release();
        Thread.sleep(50);
        assertTrue(clock.instant().isAfter(MIDNIGHT.plusSeconds(100)), "running after release: " + clock.instant());
    }

    @Test
    void itStopsAtItsEnd() throws Exception {
        AcceleratedClock clock = new AcceleratedClock(MIDNIGHT, MIDNIGHT.plusSeconds(60), 100_000);
        Thread.sleep(20);
        assertEquals(MIDNIGHT.plusSeconds(60), clock.instant());
        assertTrue(clock.finished());
    }
}
