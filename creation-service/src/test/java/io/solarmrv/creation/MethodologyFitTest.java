package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.methodology.Methodologies;
import io.solarmrv.attestation.methodology.Methodology;
import io.solarmrv.creation.registry.Device;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodologyFitTest {
    private static final Methodology JCM_PV = methodology("TH_AM001 Ver1.0");
    private static final Methodology EN_R_002 = methodology("EN-R-002 Ver3.0");

    private static Methodology methodology(String reference) {
        return Methodologies.resolve(reference).orElseThrow(IllegalArgumentException::new);
    }

    private static Map<String, Device> registered(String... idAndKind) {
        Map<String, Device> devices = new LinkedHashMap<>();
        for (String pair : idAndKind) {
            String[] parts = pair.split("=");
            devices.put(parts[0], new Device(parts[0], "site-1", "gw-1", parts[1], "SN-" + parts[0], 5_000L, "1",
                    parts[1].equals("battery") ? 10_000L : null));
        }
        return devices;
    }

    private static String refused(Methodology m, List<String> project, Map<String, Device> registry, boolean complete) {
        return assertInstanceOf(MethodologyFit.Outcome.Refused.class, MethodologyFit.check(m, project, registry, complete)).reason();
    }

    @Test
    void rolesComeFromTheRegistryInTheProjectsOrder() {
        MethodologyFit.Outcome.Fits fits = assertInstanceOf(MethodologyFit.Outcome.Fits.class, MethodologyFit.check(EN_R_002,
                List.of("site", "pv-2", "pv-1"), registered("pv-1=inverter", "pv-2=meter", "site=site-meter"), true));
        assertEquals(List.of("pv-2", "pv-1"), fits.generation());
        assertEquals(List.of("site"), fits.siteMeters());
    }

    @Test
    void aSiteMeterWithNoReadingsIsStillASiteMeter() {
        // Before, a site meter was recognised by an export register in its readings: a silent one became a 0 Wh generator.
        assertEquals(List.of("quiet-site"), assertInstanceOf(MethodologyFit.Outcome.Fits.class, MethodologyFit.check(EN_R_002,
                List.of("pv", "quiet-site"), registered("pv=inverter", "quiet-site=site-meter"), true)).siteMeters());
    }

    @Test
    void aBatteryAtTheSiteIsRefusedUnderJcmPvEvenOutsideTheProject() {
        Map<String, Device> withBattery = registered("pv=inverter", "bat=battery");
        String reason = refused(JCM_PV, List.of("pv"), withBattery, false);
        assertTrue(reason.startsWith("site site-1 has battery bat registered: " + JCM_PV.reference()
                + " credits the PV system's AC output and cannot account for a battery"), reason);
    }

    @Test
    void enR002ComputesABatteryInTheProject() {
        MethodologyFit.Outcome.Fits fits = assertInstanceOf(MethodologyFit.Outcome.Fits.class, MethodologyFit.check(EN_R_002,
                List.of("pv", "site", "bat"), registered("pv=inverter", "site=site-meter", "bat=battery"), true));
        assertEquals(List.of("bat"), fits.batteries());
    }

    @Test
    void enR002RefusesABatteryAtTheSiteLeftOutOfTheProject() {
        String reason = refused(EN_R_002, List.of("pv", "site"), registered("pv=inverter", "site=site-meter", "bat=battery"), true);
        assertTrue(reason.startsWith("site site-1 has battery bat, which is not in the project"), reason);
    }

    @Test
    void enR002RefusesABatteryWithoutItsCapacity() {
        Map<String, Device> devices = registered("pv=inverter", "site=site-meter");
        devices.put("bat", new Device("bat", "site-1", "gw-1", "battery", "SN-bat", 3_000L, "1", null));
        String reason = refused(EN_R_002, List.of("pv", "site", "bat"), devices, true);
        assertTrue(reason.startsWith("battery bat has no rated capacity registered"), reason);
    }

    @Test
    void aChillerIsNotSolarGeneration() {
        assertTrue(refused(JCM_PV, List.of("pv", "ch"), registered("pv=inverter", "ch=chiller"), false)
                .startsWith("device ch is a chiller: TH_AM001 Ver1.0 computes solar PV generation"));
    }

    @Test
    void jcmPvCreditsGenerationOnlyNotASiteMeter() {
        assertTrue(refused(JCM_PV, List.of("pv", "site"), registered("pv=inverter", "site=site-meter"), true)
                .startsWith("device site is a site meter"));
    }

    @Test
    void enR002NeedsASiteMeterForAReport() {
        assertTrue(refused(EN_R_002, List.of("pv"), registered("pv=inverter"), true).startsWith("the project has no site meter"));
    }

    @Test
    void aReportNeedsEveryDeviceRegisteredButRegistrationMayComeFirst() {
        assertTrue(refused(JCM_PV, List.of("pv", "new"), registered("pv=inverter"), true)
                .startsWith("device new is not in the registry, so its role"));
        assertInstanceOf(MethodologyFit.Outcome.Fits.class, MethodologyFit.check(JCM_PV, List.of("pv", "new"), registered("pv=inverter"),
                false));
    }
}
