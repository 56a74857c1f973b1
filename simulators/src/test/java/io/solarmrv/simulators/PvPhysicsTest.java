package io.solarmrv.simulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.SolarGeometry;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The plane-of-array chain: sun azimuth, decomposition, transposition, temperature, clipping and clouds. */
class PvPhysicsTest {
    private static final SolarGeometry TOKYO = new SolarGeometry(35.68, 139.77);
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private static PlaneOfArrayPvModel array(double tilt, double azimuth, long dc, long ac, CloudCover clouds, double min, double max) {
        return new PlaneOfArrayPvModel(TOKYO, tilt, azimuth, dc, ac, clouds, min, max, JST);
    }

    @Test
    void theSunRisesInTheEastCulminatesInTheSouthAndSetsInTheWest() {
        assertEquals(180, TOKYO.azimuthDegrees(Instant.parse("2026-06-21T02:41:00Z")), 3, "solar noon in Tokyo is about 11:41 JST");
        assertTrue(TOKYO.azimuthDegrees(Instant.parse("2026-06-21T00:00:00Z")) < 110, "09:00: east of south-east");
        assertTrue(TOKYO.azimuthDegrees(Instant.parse("2026-06-21T07:00:00Z")) > 250, "16:00: west");
    }

    @Test
    void aHorizontalArraySeesExactlyTheGlobalHorizontalIrradiance() {
        PlaneOfArrayPvModel flat = array(0, 180, 10_000, 10_000, CloudCover.CLEAR, 20, 30);
        for (String time : new String[] {"2026-06-21T00:00:00Z", "2026-06-21T03:00:00Z", "2026-12-21T05:30:00Z"}) {
            Instant t = Instant.parse(time);
            assertEquals(ClearSkyPvModel.clearSkyGhi(TOKYO.cosZenith(t)), flat.planeOfArrayIrradiance(t), 1e-6, time);
        }
        assertEquals(0, flat.planeOfArrayIrradiance(Instant.parse("2026-06-21T14:00:00Z")), "23:00 in Tokyo: night");
    }

    @Test
    void tiltingTowardTheSunGainsAndFacingAwayLoses() {
        Instant winterNoon = Instant.parse("2026-12-21T02:40:00Z");
        double flat = array(0, 180, 10_000, 10_000, CloudCover.CLEAR, 0, 10).planeOfArrayIrradiance(winterNoon);
        double south = array(35, 180, 10_000, 10_000, CloudCover.CLEAR, 0, 10).planeOfArrayIrradiance(winterNoon);
        double north = array(35, 0, 10_000, 10_000, CloudCover.CLEAR, 0, 10).planeOfArrayIrradiance(winterNoon);
        assertTrue(south > 1.4 * flat, "winter sun is low: a south tilt gains much (" + south + " vs " + flat + ")");
        assertTrue(north < 0.5 * flat, "a north tilt sees mostly diffuse light (" + north + ")");
    }

    @Test
    void heatCostsAboutFourTenthsOfAPercentPerDegreeAndTheInverterClips() {
        Instant noon = Instant.parse("2026-06-21T05:00:00Z");               // 14:00 JST: the day's high
        PlaneOfArrayPvModel coolDay = array(30, 180, 10_000, 20_000, CloudCover.CLEAR, 0, 10);
        double cool = coolDay.powerW(noon);
        double hot = array(30, 180, 10_000, 20_000, CloudCover.CLEAR, 25, 35).powerW(noon);
        double coolCell = coolDay.cellTemperatureC(noon, coolDay.planeOfArrayIrradiance(noon));
        assertEquals(10 + 25.0 / 800 * coolDay.planeOfArrayIrradiance(noon), coolCell, 1e-9, "NOCT: 10 C air at 14:00, plus the sun's heat");
        assertEquals((1 - 0.004 * (coolCell + 25 - 25)) / (1 - 0.004 * (coolCell - 25)), hot / cool, 1e-9,
                "25 C hotter air, 25 C hotter cells, -0.4 %/C from 25 C");
        assertTrue(hot / cool < 0.9, "about a tenth less power on the hot day");
        assertEquals(4_000, array(30, 180, 10_000, 4_000, CloudCover.CLEAR, 20, 30).powerW(noon), 1e-9, "clipped at the AC rating");
    }

    @Test
    void theErbsCorrelationAtItsKnots() {
        assertEquals(0.991, PlaneOfArrayPvModel.diffuseFraction(0.1), 1e-12);
        assertEquals(PlaneOfArrayPvModel.diffuseFraction(0.22), 1 - 0.09 * 0.22, 0.001, "continuous at 0.22");
        assertEquals(0.165, PlaneOfArrayPvModel.diffuseFraction(0.9), 1e-12);
    }

    @Test
    void cloudsAreReproducibleBoundedAndAsFrequentAsAsked() {
        CloudCover sky = new CloudCover(42, 0.4);
        Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        int cloudy = 0;
        int blocks = 7 * 24 * 6;
        for (int b = 0; b < blocks; b++) {
            Instant t = t0.plusSeconds(600L * b + 17);
            double share = sky.transmittance(t);
            assertEquals(share, new CloudCover(42, 0.4).transmittance(t), "the same seed, the same sky");
            assertTrue(share == 1 || share >= 0.2 && share <= 0.7, "share " + share);
            if (share < 1) {
                cloudy++;
            }
        }
        assertEquals(0.4, cloudy / (double) blocks, 0.1, cloudy + " of " + blocks + " ten-minute blocks cloudy");
        assertEquals(1, CloudCover.CLEAR.transmittance(t0));
        boolean differs = false;
        for (int b = 0; b < 100 && !differs; b++) {
            differs = sky.transmittance(t0.plusSeconds(600L * b)) != new CloudCover(43, 0.4).transmittance(t0.plusSeconds(600L * b));
        }
        assertTrue(differs, "another seed, another sky");
    }
}
