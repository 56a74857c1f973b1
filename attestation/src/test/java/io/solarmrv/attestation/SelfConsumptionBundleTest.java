package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.security.SecureRandom;
import io.solarmrv.attestation.methodology.EmissionFactor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link BundleVerifier} on a J-Credit EN-R-002 bundle: a PV meter's generation, a site meter's
 * export measured outward, self-consumption and reductions recomputed from signed, logged readings.
 */
class SelfConsumptionBundleTest {
    private static final GatewayKey KEY = GatewayKey.generate(new SecureRandom());
    private static final Instant FROM = Instant.parse("2026-06-30T15:00:00Z"); // 1 July 2026, 00:00 in Japan: FY2026
    private static final Instant TO = FROM.plusSeconds(24 * 3600);
    private static final long HOUR = 3_600_000;
    private static final EmissionFactor FY2026_FACTOR = new EmissionFactor(new BigDecimal("0.45"), LocalDate.of(2026, 4, 1),
            LocalDate.of(2027, 4, 1), "FY2026 electricity factor (test)");

    /** PV readings on the hour, 2,000 Wh an hour; site meter readings on the half hour, 500 Wh exported an hour. */
    private static List<SignedReading> readings(boolean siteMeterReportedAfterTheEnd) {
        List<SignedReading> signed = new ArrayList<>();
        byte[] previous = Reading.genesisHash();
        for (int h = -1; h <= 25; h++) {
            Reading r = new Reading("pv-1", "SN-pv", h + 1, FROM.toEpochMilli() + h * HOUR, 100_000 + 2_000L * (h + 1), null, 2_000,
                    ClockSync.NTP, 0, previous, new byte[Reading.SALT_LENGTH]);
            signed.add(SignedReading.sign(r, KEY));
            previous = Sha256.hash(ReadingCodec.encode(r));
        }
        previous = Reading.genesisHash();
        int last = siteMeterReportedAfterTheEnd ? 24 : 23;
        for (int h = -1; h <= last; h++) {
            Reading r = new Reading("site-1", "SN-site", h + 1, FROM.toEpochMilli() + h * HOUR + HOUR / 2, 7_000 + 300L * (h + 1),
                    40_000 + 500L * (h + 1), -500, ClockSync.NTP, 0, previous, new byte[Reading.SALT_LENGTH]);
            signed.add(SignedReading.sign(r, KEY));
            previous = Sha256.hash(ReadingCodec.encode(r));
        }
        return signed;
    }

    private static ProofBundle bundle(List<SignedReading> signed, long exportClaimed, long selfConsumed, BigDecimal tonnes) {
        return bundle(signed, exportClaimed, selfConsumed, tonnes, "EN-R-002 Ver3.0");
    }

    private static ProofBundle bundle(List<SignedReading> signed, long exportClaimed, long selfConsumed, BigDecimal tonnes,
                                      String methodology) {
        return bundle(signed, 48_000, Map.of(), exportClaimed, selfConsumed, tonnes, methodology);
    }

    private static ProofBundle bundle(List<SignedReading> signed, long energyClaimed, Map<String, List<Long>> replacedAfter,
                                      long exportClaimed, long selfConsumed, BigDecimal tonnes, String methodology) {
        return bundle(signed, energyClaimed, replacedAfter, exportClaimed, selfConsumed, tonnes, methodology, FY2026_FACTOR);
    }

    private static ProofBundle bundle(List<SignedReading> signed, long energyClaimed, Map<String, List<Long>> replacedAfter,
                                      long exportClaimed, long selfConsumed, BigDecimal tonnes, String methodology,
                                      EmissionFactor factor) {
        return bundle(signed, energyClaimed, replacedAfter, exportClaimed, selfConsumed, tonnes, methodology, factor, List.of());
    }

    private static ProofBundle bundle(List<SignedReading> signed, long energyClaimed, Map<String, List<Long>> replacedAfter,
                                      long exportClaimed, long selfConsumed, BigDecimal tonnes, String methodology,
                                      EmissionFactor factor, List<BatteryEnergy> batteries) {
        List<byte[]> leaves = signed.stream().map(SignedReading::toWire).toList();
        List<byte[]> hashes = leaves.stream().map(MerkleHash::leafHash).toList();
        List<ProofBundle.ProvenReading> proven = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            proven.add(new ProofBundle.ProvenReading(i, leaves.get(i), leaves.size(), MerkleTree.inclusionProof(hashes, i)));
        }
        String registry = DeviceRegistry.registrationLine("pv-1", KEY) + "\n" + DeviceRegistry.registrationLine("site-1", KEY) + "\n"
                + DeviceRegistry.registrationLine("bat-1", KEY) + "\n";
        return new ProofBundle("solar-jc", FROM, TO, new BigDecimal("0.45"), Map.of("pv-1", energyClaimed), energyClaimed,
                Map.of("pv-1", List.of()),
                0, tonnes, 0, registry, "", List.of(new ProofBundle.Checkpoint(leaves.size(), MerkleTree.root(hashes), "", "0x0", List.of())),
                new ProofBundle.Anchor(31337, "0x0"), proven,
                new MonitoringClaim.SelfConsumption(2026, Map.of("site-1", exportClaimed), selfConsumed, batteries), methodology,
                replacedAfter,
                factor);
    }

    private static BundleVerifier.Check check(List<BundleVerifier.Check> checks, String name) {
        Predicate<BundleVerifier.Check> named = c -> c.name().equals(name);
        return checks.stream().filter(named).findFirst().orElseThrow(() -> new AssertionError("no check " + name + ": " + checks));
    }

    @Test
    void exportIsMeasuredOutwardAndOnlySelfConsumedGenerationEarnsReductions() {
        // Export from the site meter's reading 30 min before the start to the one 30 min after the end: 25 x 500 Wh.
        // EL_self = 48,000 - 12,500 = 35,500 Wh; x 0.45 t/MWh (FY2026) = 0.015975 t; no whole credit.
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle(readings(true), 12_500, 35_500, new BigDecimal("0.015975")));
        for (String name : List.of("signatures", "inclusion proofs", "methodology", "emission factor", "energy pv-1", "fiscal year",
                "export site-1",
                "self-consumption", "emission reductions", "credits")) {
            assertTrue(check(checks, name).passed(), check(checks, name).toString());
        }
    }

    /** A battery read on the quarter hour: charge (second register) 1,000 + 300 Wh an hour, discharge 500 + 250 Wh an hour. */
    private static List<SignedReading> withBattery(List<SignedReading> signed, boolean reportedAfterTheEnd) {
        List<SignedReading> all = new ArrayList<>(signed);
        byte[] previous = Reading.genesisHash();
        for (int h = -1; h <= (reportedAfterTheEnd ? 24 : 23); h++) {
            Reading r = new Reading("bat-1", "SN-bat", h + 1, FROM.toEpochMilli() + h * HOUR + HOUR / 4, 500 + 250L * (h + 1),
                    1_000 + 300L * (h + 1), 0, ClockSync.NTP, 0, previous, new byte[Reading.SALT_LENGTH]);
            all.add(SignedReading.sign(r, KEY));
            previous = Sha256.hash(ReadingCodec.encode(r));
        }
        return all;
    }

    @Test
    void aBatterysChargeIsRecomputedOutwardItsDischargeInwardAndItsWithheldEnergyLowersSelfConsumption() {
        // Charge 1,000 (45 min before the start) -> 8,500 (15 min after the end) = 7,500; discharge 750 -> 6,500 inside = 5,750.
        // Withheld 7,500 - 5,750 + 2,000 = 3,750; EL_self = 48,000 - 12,500 - 3,750 = 31,750 Wh; x 0.45 = 0.0142875 t.
        BatteryEnergy battery = new BatteryEnergy("bat-1", 7_500, 5_750, 2_000);
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle(withBattery(readings(true), true), 48_000, Map.of(), 12_500,
                31_750, new BigDecimal("0.0142875"), "EN-R-002 Ver3.0", FY2026_FACTOR, List.of(battery)));
        for (String name : List.of("signatures", "chain bat-1", "battery bat-1", "self-consumption", "emission reductions")) {
            assertTrue(check(checks, name).passed(), check(checks, name).toString());
        }
        assertTrue(check(checks, "self-consumption").detail().contains("3750 withheld by 1 batteries"), check(checks, "self-consumption").detail());

        BatteryEnergy understatedCharge = new BatteryEnergy("bat-1", 7_200, 5_750, 2_000);
        List<BundleVerifier.Check> tampered = BundleVerifier.verify(bundle(withBattery(readings(true), true), 48_000, Map.of(), 12_500,
                32_050, new BigDecimal("0.0144225"), "EN-R-002 Ver3.0", FY2026_FACTOR, List.of(understatedCharge)));
        assertEquals(false, check(tampered, "battery bat-1").passed(), check(tampered, "battery bat-1").detail());
        assertEquals(false, check(tampered, "self-consumption").passed(), "recomputed with the registers' charge, not the claim's");

        List<BundleVerifier.Check> unbounded = BundleVerifier.verify(bundle(withBattery(readings(true), false), 48_000, Map.of(), 12_500,
                31_750, new BigDecimal("0.0142875"), "EN-R-002 Ver3.0", FY2026_FACTOR, List.of(battery)));
        assertEquals(false, check(unbounded, "battery bat-1").passed());
        assertTrue(check(unbounded, "battery bat-1").detail().contains("none at or after the end yet"), check(unbounded, "battery bat-1").detail());
    }

    @Test
    void theClaimsFactorMustBeEffectiveOnEveryDayOfThePeriodAndBeAFiscalYears() {
        BundleVerifier.Check named = check(BundleVerifier.verify(bundle(readings(true), 12_500, 35_500, new BigDecimal("0.015975"))),
                "emission factor");
        assertTrue(named.detail().endsWith("source: FY2026 electricity factor (test)"), named.detail());
        EmissionFactor fromJuly2 = new EmissionFactor(new BigDecimal("0.45"), LocalDate.of(2026, 7, 2), null, "starts a day late");
        BundleVerifier.Check late = check(BundleVerifier.verify(bundle(readings(true), 48_000, Map.of(), 12_500, 35_500,
                new BigDecimal("0.015975"), "EN-R-002 Ver3.0", fromJuly2)), "emission factor");
        assertEquals(false, late.passed());
        assertEquals("0.45 tCO2/MWh is effective 2026-07-02 open, and the period runs 2026-07-01 to 2026-07-01 (Asia/Tokyo)",
                late.detail());
        EmissionFactor calendarYear = new EmissionFactor(new BigDecimal("0.45"), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "x");
        BundleVerifier.Check notFiscal = check(BundleVerifier.verify(bundle(readings(true), 48_000, Map.of(), 12_500, 35_500,
                new BigDecimal("0.015975"), "EN-R-002 Ver3.0", calendarYear)), "emission factor");
        assertEquals(false, notFiscal.passed());
        assertTrue(notFiscal.detail().contains("from 1 April to the next 1 April"), notFiscal.detail());
        BundleVerifier.Check unsourced = check(BundleVerifier.verify(bundle(readings(true), 48_000, Map.of(), 12_500, 35_500,
                new BigDecimal("0.015975"), "EN-R-002 Ver3.0", null)), "emission factor");
        assertTrue(unsourced.passed() && unsourced.detail().contains("names no source or dates"), unsourced.detail());
    }

    @Test
    void theClaimsMethodologyMustBeComputedHereAndMatchItsFigures() {
        BundleVerifier.Check pv = check(BundleVerifier.verify(bundle(readings(true), 12_500, 35_500, new BigDecimal("0.015975"),
                "TH_AM001 Ver1.0")), "methodology");
        assertEquals(false, pv.passed());
        assertTrue(pv.detail().startsWith("TH_AM001 Ver1.0 is PV_OUTPUT but the claim's figures are J-Credit EN-R-002's"), pv.detail());
        BundleVerifier.Check chillers = check(BundleVerifier.verify(bundle(readings(true), 12_500, 35_500,
                new BigDecimal("0.015975"), "TH_AM005 Ver1.0")), "methodology");
        assertEquals(false, chillers.passed());
        assertTrue(chillers.detail().startsWith("TH_AM005 is not computed by this system"), chillers.detail());
        BundleVerifier.Check formatOne = check(BundleVerifier.verify(bundle(readings(true), 12_500, 35_500,
                new BigDecimal("0.015975"), null)), "methodology");
        assertTrue(formatOne.passed() && formatOne.detail().contains("(format 1) names none"), formatOne.detail());
    }

    @Test
    void aGenerationMeterReplacedWithinThePeriodFailsItsEnergyCheck() {
        List<SignedReading> swapped = swapped();
        BundleVerifier.Check energy = check(BundleVerifier.verify(bundle(swapped, 12_500, 35_500, new BigDecimal("0.015975"))),
                "energy pv-1");
        assertEquals(false, energy.passed());
        assertTrue(energy.detail().startsWith("the period spans a meter replacement: reading #12"), energy.detail());
        assertTrue(energy.detail().contains("is signed by meter SN-pv, #13") && energy.detail().contains("by meter SN-pv-new"),
                energy.detail());
    }

    @Test
    void aRecordedReplacementIsRecomputedPerMeter() {
        // old meter #1..#12: 22,000 Wh; new meter #13..#25: 24,000 Wh; the swap step #12 -> #13 in neither.
        // EL_self = 46,000 - 12,500 = 33,500 Wh x 0.45 = 0.015075 t.
        List<BundleVerifier.Check> checks = BundleVerifier.verify(bundle(swapped(), 46_000, Map.of("pv-1", List.of(12L)), 12_500,
                33_500, new BigDecimal("0.015075"), "EN-R-002 Ver3.0"));
        for (String name : List.of("energy pv-1", "total energy", "self-consumption", "emission reductions")) {
            assertTrue(check(checks, name).passed(), check(checks, name).toString());
        }
        BundleVerifier.Check elsewhere = check(BundleVerifier.verify(bundle(swapped(), 46_000, Map.of("pv-1", List.of(5L)), 12_500,
                33_500, new BigDecimal("0.015075"), "EN-R-002 Ver3.0")), "energy pv-1");
        assertEquals(false, elsewhere.passed(), "a replacement claimed where the serial did not change: " + elsewhere);
    }

    private static List<SignedReading> swapped() {
        List<SignedReading> swapped = new ArrayList<>();
        byte[] previous = Reading.genesisHash();
        for (int h = -1; h <= 25; h++) {
            boolean replaced = h >= 12; // the new meter's register starts at 900,000 Wh
            Reading r = new Reading("pv-1", replaced ? "SN-pv-new" : "SN-pv", h + 1, FROM.toEpochMilli() + h * HOUR,
                    (replaced ? 900_000 : 100_000) + 2_000L * (h + 1), null, 2_000, ClockSync.NTP, 0, previous, new byte[Reading.SALT_LENGTH]);
            swapped.add(SignedReading.sign(r, KEY));
            previous = Sha256.hash(ReadingCodec.encode(r));
        }
        swapped.addAll(readings(true).stream().filter(s -> s.reading().deviceId().equals("site-1")).toList());
        return swapped;
    }

    @Test
    void anUnderstatedExportOrAMissingReadingAfterTheEndFails() {
        BundleVerifier.Check understated = check(BundleVerifier.verify(bundle(readings(true), 12_000, 36_000,
                new BigDecimal("0.0162"))), "export site-1");
        assertEquals(false, understated.passed());
        assertTrue(understated.detail().contains("recomputed 12500 Wh"), understated.detail());

        BundleVerifier.Check missing = check(BundleVerifier.verify(bundle(readings(false), 12_500, 35_500,
                new BigDecimal("0.015975"))), "export site-1");
        assertEquals(false, missing.passed());
        assertTrue(missing.detail().contains("none at or after the end yet"), missing.detail());
    }

    private static ProofBundle withCalibration(ProofBundle b, Map<String, io.solarmrv.attestation.methodology.MeterCalibration> calibrations,
                                               Map<String, MonitoringClaim.Uncalibrated> uncalibrated) {
        return new ProofBundle(b.projectId(), b.from(), b.to(), b.emissionFactorTco2PerMwh(), b.claimedEnergyWh(), b.claimedTotalEnergyWh(),
                b.voidedSequences(), b.claimedExcludedEnergyWh(), b.claimedEmissionReductionsTco2(), b.claimedCredits(), b.registry(),
                b.logVerifierKey(), b.checkpoints(), b.anchor(), b.readings(), b.selfConsumption(), b.methodology(),
                b.meterReplacements(), b.sourcedFactor(), uncalibrated, calibrations);
    }

    /** A class 0.5S meter whose certificate covers 2026; a class 1 meter with none; the claim's span of the whole day. */
    private static final io.solarmrv.attestation.methodology.MeterCalibration COVERED =
            new io.solarmrv.attestation.methodology.MeterCalibration("0.5S", List.of(new io.solarmrv.attestation.methodology
                    .MeterCalibration.Certificate("C-site", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1))));
    private static final io.solarmrv.attestation.methodology.MeterCalibration UNCERTIFIED =
            new io.solarmrv.attestation.methodology.MeterCalibration("1", List.of());
    private static final List<io.solarmrv.attestation.methodology.MeterCalibration.Span> WHOLE_DAY =
            List.of(new io.solarmrv.attestation.methodology.MeterCalibration.Span(FROM, TO));

    @Test
    void daysWithoutCalibrationAreCorrectedByTheClassesErrorAgainstTheClaim() {
        // PV uncalibrated all day (Japan's 1 July): 1% of 48,000 Wh = 480 Wh off; EL_self = 47,520 - 12,500 = 35,020 Wh.
        ProofBundle pvCorrected = withCalibration(bundle(readings(true), 12_500, 35_020, new BigDecimal("0.015759")),
                Map.of("pv-1", UNCERTIFIED, "site-1", COVERED), Map.of("pv-1", new MonitoringClaim.Uncalibrated("1", WHOLE_DAY, 480)));
        List<BundleVerifier.Check> checks = BundleVerifier.verify(pvCorrected);
        for (String name : List.of("calibration pv-1", "calibration site-1", "energy pv-1", "self-consumption", "emission reductions")) {
            assertTrue(check(checks, name).passed(), check(checks, name).toString());
        }
        assertTrue(check(checks, "calibration pv-1").detail().contains("maximum permissible error 1% of 48000 Wh"),
                check(checks, "calibration pv-1").toString());
        // The site meter uncalibrated too (class 0.5S): its export is raised by 0.5% of 12,500 Wh = 62.5, so 63 Wh.
        ProofBundle bothCorrected = withCalibration(bundle(readings(true), 12_500, 34_957, new BigDecimal("0.01573065")),
                Map.of("pv-1", UNCERTIFIED, "site-1", new io.solarmrv.attestation.methodology.MeterCalibration("0.5S", List.of())),
                Map.of("pv-1", new MonitoringClaim.Uncalibrated("1", WHOLE_DAY, 480),
                        "site-1", new MonitoringClaim.Uncalibrated("0.5S", WHOLE_DAY, 63)));
        checks = BundleVerifier.verify(bothCorrected);
        for (String name : List.of("calibration pv-1", "calibration site-1", "self-consumption", "emission reductions")) {
            assertTrue(check(checks, name).passed(), check(checks, name).toString());
        }
        // A claim that leaves the correction out fails, and its reductions are recomputed corrected.
        checks = BundleVerifier.verify(withCalibration(bundle(readings(true), 12_500, 35_500, new BigDecimal("0.015975")),
                Map.of("pv-1", UNCERTIFIED, "site-1", COVERED), Map.of()));
        assertEquals(false, check(checks, "calibration pv-1").passed());
        assertEquals(false, check(checks, "self-consumption").passed());
        assertEquals(false, check(checks, "emission reductions").passed());
        // Bundles made before corrections carry no certificates: nothing to recompute, and the check says so.
        BundleVerifier.Check before = check(BundleVerifier.verify(bundle(readings(true), 12_500, 35_500, new BigDecimal("0.015975"))),
                "calibration pv-1");
        assertTrue(before.passed() && before.detail().contains("predates calibration corrections"), before.toString());
    }

    @Test
    void aBatteryMeterWithoutCalibrationWithholdsItsThroughputTimesItsClassAgainstTheClaim() {
        BatteryEnergy battery = new BatteryEnergy("bat-1", 7_500, 5_750, 2_000);
        // 1% of the 13,250 Wh charged and discharged = 132.5, so 133 Wh more withheld: EL_self = 31,750 - 133 = 31,617 Wh.
        ProofBundle corrected = withCalibration(bundle(withBattery(readings(true), true), 48_000, Map.of(), 12_500, 31_617,
                        new BigDecimal("0.01422765"), "EN-R-002 Ver3.0", FY2026_FACTOR, List.of(battery)),
                Map.of("pv-1", COVERED, "site-1", COVERED, "bat-1", UNCERTIFIED),
                Map.of("bat-1", new MonitoringClaim.Uncalibrated("1", WHOLE_DAY, 133)));
        List<BundleVerifier.Check> checks = BundleVerifier.verify(corrected);
        for (String name : List.of("battery bat-1", "calibration bat-1", "self-consumption", "emission reductions")) {
            assertTrue(check(checks, name).passed(), check(checks, name).toString());
        }
        assertTrue(check(checks, "calibration bat-1").detail().contains("1% of 13250 Wh charged and discharged"),
                check(checks, "calibration bat-1").detail());

        // A claim that leaves the battery's correction out fails, and EL_self is recomputed with it.
        checks = BundleVerifier.verify(withCalibration(bundle(withBattery(readings(true), true), 48_000, Map.of(), 12_500, 31_750,
                        new BigDecimal("0.0142875"), "EN-R-002 Ver3.0", FY2026_FACTOR, List.of(battery)),
                Map.of("pv-1", COVERED, "site-1", COVERED, "bat-1", UNCERTIFIED), Map.of()));
        assertEquals(false, check(checks, "calibration bat-1").passed());
        assertEquals(false, check(checks, "self-consumption").passed());
        assertTrue(check(checks, "self-consumption").detail().startsWith("recomputed 31617 Wh"), check(checks, "self-consumption").detail());
    }
}
