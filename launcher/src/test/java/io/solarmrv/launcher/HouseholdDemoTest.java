package io.solarmrv.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.bundle.ProofBundleJson;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mrv demo --households 3} on the embedded parts: three homes on ECHONET Lite over real UDP,
 * the second with a battery, the third joining the programme the day after, read by the agent,
 * verified by the job, computed by the service under EN-R-002 with the battery's terms and the
 * members crediting throughout, approved by the verifier from the bundle; {@code mrv verify} holds.
 */
class HouseholdDemoTest {
    @Test
    void aProgrammeOfHomesOneWithABatteryEndsVerifiedWithTheBatteryAccounted(@TempDir Path workDir) throws Exception {
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
        int exit = HouseholdDemo.run(workDir, repositoryRoot, null, HouseholdPlan.osakaAutumnDay(3, 2880), new BigDecimal("0.45"),
                "test value", false);
        assertEquals(0, exit, "the period is verified and 'mrv verify' holds");

        JsonNode report = new ObjectMapper().readTree(workDir.resolve("report.json").toFile());
        JsonNode self = report.get("selfConsumption");
        JsonNode battery = self.get("batteries").get(0);
        assertEquals("home-0002-bat", battery.get("deviceId").asText());
        assertEquals(HouseholdPlan.BATTERY_CAPACITY_WH, battery.get("capacityWh").asLong());
        assertTrue(battery.get("chargeWh").asLong() > 0 && battery.get("dischargeWh").asLong() > 0,
                "the battery charged from the midday surplus and covered the evening: " + battery);
        assertEquals(battery.get("chargeWh").asLong() - battery.get("dischargeWh").asLong() + HouseholdPlan.BATTERY_CAPACITY_WH,
                battery.get("withheldWh").asLong());
        long generated = report.get("creditedEnergyWh").asLong();
        assertEquals(Math.max(0, generated - self.get("exportWh").asLong() - battery.get("withheldWh").asLong()),
                self.get("selfConsumedWh").asLong());
        assertTrue(self.get("selfConsumedWh").asLong() > 0, report.toString());

        JsonNode late = report.get("members").get(2);
        assertEquals("home-0003", late.get("siteId").asText());
        assertEquals(false, late.get("counts").asBoolean(), "it joins the day after: " + late);
        assertEquals(2, report.get("devices").size(), "the PV of the two members crediting throughout");

        ProofBundle bundle = ProofBundleJson.read(java.nio.file.Files.readAllBytes(workDir.resolve("bundle.json")));
        assertNotNull(bundle.selfConsumption());
        assertEquals(1, bundle.selfConsumption().batteries().size(), "the claim on chain carries the battery line");
        assertTrue(!bundle.claim().text().contains("home-0003"), "nothing of the member left out is claimed");
        assertTrue(bundle.claim().text().contains("\nbattery home-0002-bat " + battery.get("chargeWh").asLong() + " "
                + battery.get("dischargeWh").asLong() + " 6500\n"), bundle.claim().text());
    }
}
