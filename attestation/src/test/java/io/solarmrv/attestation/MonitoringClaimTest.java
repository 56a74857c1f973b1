package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solarmrv.attestation.methodology.EmissionFactor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringClaimTest {
    private static final MonitoringClaim CLAIM = new MonitoringClaim("tokyo-pv", Instant.parse("2026-06-20T15:00:00Z"),
            Instant.parse("2026-06-21T15:00:00Z"), new BigDecimal("0.533"), Map.of("inv-2", 20_100L, "inv-1", 31_250L),
            Map.of("inv-2", List.of(), "inv-1", List.of(17L, 18L)), 51_350, 1_200, new BigDecimal("0.0267295"), 0);

    @Test
    void theCanonicalTextIsOneFigurePerLineDevicesInOrder() {
        // The chain records SHA-256 of exactly this text; changing it changes every report hash.
        assertEquals("""
                solar-mrv-claim/1
                project tokyo-pv
                period 2026-06-20T15:00:00Z 2026-06-21T15:00:00Z
                emission-factor-tco2-per-mwh 0.533
                energy-wh inv-1 31250
                energy-wh inv-2 20100
                voided inv-1 17 18
                voided inv-2
                total-energy-wh 51350
                excluded-energy-wh 1200
                emission-reductions-tco2 0.0267295
                credits 0
                """, CLAIM.text());
        assertArrayEquals(Sha256.hash(CLAIM.text().getBytes(StandardCharsets.UTF_8)), CLAIM.digest());
    }

    @Test
    void aJCreditClaimAddsItsFiscalYearExportAndSelfConsumptionLinesAndNothingElse() {
        MonitoringClaim jCredit = new MonitoringClaim("osaka-jc", Instant.parse("2026-06-30T15:00:00Z"),
                Instant.parse("2026-07-31T15:00:00Z"), new BigDecimal("0.45"), Map.of("pv-1", 900_000L), Map.of("pv-1", List.of()),
                900_000, 0, new BigDecimal("0.18"), 0,
                new MonitoringClaim.SelfConsumption(2026, Map.of("site-b", 300_000L, "site-a", 200_000L), 400_000), null);
        assertEquals("""
                solar-mrv-claim/1
                project osaka-jc
                period 2026-06-30T15:00:00Z 2026-07-31T15:00:00Z
                emission-factor-tco2-per-mwh 0.45
                energy-wh pv-1 900000
                voided pv-1
                methodology J-Credit EN-R-002
                fiscal-year 2026
                export-wh site-a 200000
                export-wh site-b 300000
                self-consumed-wh 400000
                total-energy-wh 900000
                excluded-energy-wh 0
                emission-reductions-tco2 0.18
                credits 0
                """, jCredit.text());
    }

    @Test
    void reductionsGoOnChainInWholeKilogramsRoundedDown() {
        assertEquals(26, CLAIM.reductionKg(), "26.7295 kg floors to 26");
    }

    @Test
    void formatTwoNamesTheMethodologyAndVersionAfterThePeriod() {
        MonitoringClaim named = new MonitoringClaim("osaka-jc", Instant.parse("2026-06-30T15:00:00Z"),
                Instant.parse("2026-07-31T15:00:00Z"), new BigDecimal("0.45"), Map.of("pv-1", 900_000L), Map.of("pv-1", List.of()),
                900_000, 0, new BigDecimal("0.18"), 0,
                new MonitoringClaim.SelfConsumption(2026, Map.of("site-a", 500_000L), 400_000), "EN-R-002 Ver3.0");
        assertEquals("""
                solar-mrv-claim/2
                project osaka-jc
                period 2026-06-30T15:00:00Z 2026-07-31T15:00:00Z
                methodology EN-R-002 Ver3.0
                emission-factor-tco2-per-mwh 0.45
                energy-wh pv-1 900000
                voided pv-1
                fiscal-year 2026
                export-wh site-a 500000
                self-consumed-wh 400000
                total-energy-wh 900000
                excluded-energy-wh 0
                emission-reductions-tco2 0.18
                credits 0
                """, named.text());
    }

    @Test
    void batteriesAreStatedAfterTheExportLinesAndAreAmongTheMeters() {
        MonitoringClaim withBattery = new MonitoringClaim("osaka-jc", Instant.parse("2026-06-30T15:00:00Z"),
                Instant.parse("2026-07-31T15:00:00Z"), new BigDecimal("0.45"), Map.of("pv-1", 900_000L), Map.of("pv-1", List.of()),
                900_000, 0, new BigDecimal("0.1755"), 0, new MonitoringClaim.SelfConsumption(2026, Map.of("site-a", 500_000L), 390_000,
                List.of(new BatteryEnergy("bat-z", 100_000, 95_000, 5_000), new BatteryEnergy("bat-a", 0, 0, 5_000))),
                "EN-R-002 Ver3.0");
        String text = withBattery.text();
        assertTrue(text.contains("""
                export-wh site-a 500000
                battery bat-a 0 0 5000
                battery bat-z 100000 95000 5000
                self-consumed-wh 390000
                """), text);
        assertEquals(java.util.Set.of("pv-1", "site-a", "bat-a", "bat-z"), withBattery.meters());
    }

    @Test
    void aSourcedFactorIsNamedWithItsDatesAndSourceAfterTheFactorLine() {
        EmissionFactor factor = new EmissionFactor(new BigDecimal("0.533"), LocalDate.of(2016, 8, 23), null,
                "TH_AM001 Ver1.0, default captive factor (test)");
        MonitoringClaim sourced = new MonitoringClaim("bkk-pv", Instant.parse("2026-06-20T17:00:00Z"),
                Instant.parse("2026-06-21T17:00:00Z"), new BigDecimal("0.533"), Map.of("inv-1", 10_000L), Map.of("inv-1", List.of()),
                10_000, 0, new BigDecimal("0.00533"), 0, null, "TH_AM001 Ver1.0", Map.of(), factor);
        assertEquals("""
                solar-mrv-claim/2
                project bkk-pv
                period 2026-06-20T17:00:00Z 2026-06-21T17:00:00Z
                methodology TH_AM001 Ver1.0
                emission-factor-tco2-per-mwh 0.533
                emission-factor-effective 2016-08-23 open
                emission-factor-source TH_AM001 Ver1.0, default captive factor (test)
                energy-wh inv-1 10000
                voided inv-1
                total-energy-wh 10000
                excluded-energy-wh 0
                emission-reductions-tco2 0.00533
                credits 0
                """, sourced.text());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> new MonitoringClaim("bkk-pv",
                Instant.parse("2026-06-20T17:00:00Z"), Instant.parse("2026-06-21T17:00:00Z"), new BigDecimal("0.6"),
                Map.of("inv-1", 10_000L), Map.of("inv-1", List.of()), 10_000, 0, new BigDecimal("0.006"), 0, null, "TH_AM001 Ver1.0",
                Map.of(), factor));
        assertEquals("the claim's factor 0.6 is not its sourced factor's 0.533", other.getMessage());
    }
}
