package io.solarmrv.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityProfilesTest {
    @Test
    void aProjectsDevicesShareItsSiteIntervalAndThresholds() {
        QualityProfiles profiles = QualityProfiles.parse("""
                # two projects
                project.p1.devices = inv-1:5000, inv-2 : 6000
                project.p1.latitude = 35.68
                project.p1.longitude = 139.77
                project.p1.poll-interval = PT1M
                project.p1.threshold.stale-run = 5
                project.p1.threshold.over-nameplate = 1.2
                project.p2.devices = m-1:40000
                """);
        DeviceQuality inv2 = profiles.forDevice("inv-2");
        assertEquals("p1", inv2.projectId());
        assertEquals(6000, inv2.nameplateW());
        assertEquals(Duration.ofMinutes(1), inv2.pollInterval());
        assertEquals(139.77, inv2.site().longitudeDeg());
        assertEquals(5, inv2.thresholds().staleRun());
        assertEquals(1.2, inv2.thresholds().overNameplate());
        assertEquals(QualityThresholds.defaults().hampelSigmas(), inv2.thresholds().hampelSigmas());
        DeviceQuality meter = profiles.forDevice("m-1");
        assertNull(meter.site());
        assertNull(meter.pollInterval());
        assertEquals(QualityThresholds.defaults(), meter.thresholds());
        assertNull(profiles.forDevice("inv-3"));
        assertEquals(3, profiles.size());
    }

    @Test
    void idsMayHoldDotsAndColons() {
        QualityProfiles profiles = QualityProfiles.parse("""
                project.jcm.2026@tokyo-1.devices = urn:dev:sn:1:4000, inv.2:5000
                project.jcm.2026@tokyo-1.threshold.stale-run = 6
                """);
        assertEquals(4000, profiles.forDevice("urn:dev:sn:1").nameplateW());
        assertEquals("jcm.2026@tokyo-1", profiles.forDevice("inv.2").projectId());
        assertEquals(6, profiles.forDevice("inv.2").thresholds().staleRun());
    }

    @Test
    void everyMistakeIsRefusedNamingIt() {
        assertRefused("project.p1.devices = a:5000\nproject.p1.threshold.stale-runs = 4", "unknown threshold(s) [stale-runs]");
        assertRefused("project.p1.devices = a:5000\nproject.p1.threshold.stale-run = four", "threshold stale-run: expected a whole number, got 'four'");
        assertRefused("project.p1.devices = a:5000\nproject.p1.threshold.stale-run = 1", "threshold stale-run must be at least 2, got 1");
        assertRefused("project.p1.devices = a:5000\nproject.p1.colour = red", "'project.p1.colour': expected project.<project id>.<setting>");
        assertRefused("project.p1.devices = a:5000\nproject.p1.latitude = 35", "latitude and longitude go together");
        assertRefused("project.p1.devices = a:5000\nproject.p1.latitude = 95\nproject.p1.longitude = 0", "latitude");
        assertRefused("project.p1.devices = a:5000\nproject.p1.poll-interval = 1m", "project.p1.poll-interval: expected an ISO-8601 duration");
        assertRefused("project.p1.devices = a:0", "project.p1.devices: expected id:nameplateW with W above 0, got 'a:0'");
        assertRefused("project.p1.devices = a", "got 'a'");
        assertRefused("project.p1.latitude = 35\nproject.p1.longitude = 139", "project.p1.devices is missing");
        assertRefused("project.p1.devices = a:5000\nproject.p2.devices = a:6000", "device a is in projects p1 and p2");
        assertRefused("devices = a:5000", "'devices': expected project.<project id>.<setting>");
        assertRefused("project.devices = a:5000", "'project.devices': expected");
    }

    @Test
    void thresholdsChangeByKebabCaseName() {
        QualityThresholds changed = QualityThresholds.defaults()
                .with(Map.of("complete-day-share", "0.8", "mismatch-max-step-millis", "900000", "night-elevation-deg", "-5"));
        assertEquals(0.8, changed.completeDayShare());
        assertEquals(900_000L, changed.mismatchMaxStepMillis());
        assertEquals(-5.0, changed.nightElevationDeg());
        assertEquals(QualityThresholds.defaults().staleRun(), changed.staleRun());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QualityThresholds.defaults().with(Map.of("complete-day-share", "1.5")));
        assertTrue(e.getMessage().contains("complete-day-share between 0 and 1"), e.getMessage());
    }

    private static void assertRefused(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QualityProfiles.parse(text), text);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say '" + expected + "'");
    }
}
