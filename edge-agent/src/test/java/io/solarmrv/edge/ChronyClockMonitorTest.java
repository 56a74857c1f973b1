package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.ClockSync;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChronyClockMonitorTest {
    @Test
    void readsTheOffsetAndSyncStateFromChronycCsv() {
        ClockMonitor.ClockStatus synced = ChronyClockMonitor.parseTracking(
                "A29FC87B,ntp1.example.org,3,1700000000.123456789,-0.001234567,-0.000012345,0.000456789,-12.345,0.012,0.034,0.001234,0.000567,64.9,Normal\n");
        assertTrue(synced.known());
        assertEquals(ClockSync.NTP, synced.sync());
        assertEquals(-1, synced.offset().toMillis());

        ClockMonitor.ClockStatus lost = ChronyClockMonitor.parseTracking(
                "00000000,,0,0.000000000,2.500000000,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,Not synchronised\n");
        assertEquals(ClockSync.UNSYNCHRONIZED, lost.sync());
        assertEquals(Duration.ofMillis(2_500), lost.offset());

        assertFalse(ChronyClockMonitor.parseTracking("506 Cannot talk to daemon").known(), "an error is unknown, not in sync");
    }
}
