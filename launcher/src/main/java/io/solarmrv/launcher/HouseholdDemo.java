package io.solarmrv.launcher;

import io.solarmrv.verifier.VerifyCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.bundle.ProofBundleJson;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code mrv demo --households N}: N Japanese homes on ECHONET Lite (every second one with a storage
 * battery) in one J-Credit EN-R-002 project, through the agent, the job, the service and the chain:
 * the period is closed, verified from its proof bundle and, if it earns a whole credit, issued.
 */
final class HouseholdDemo {
    static final String PROJECT = "demo-homes";

    private HouseholdDemo() {
    }

    /** @return 0 when the period is verified (issued where it earns a credit) and 'mrv verify' holds; 1 otherwise */
    static int run(Path workDir, Path repositoryRoot, String broker, HouseholdPlan plan, BigDecimal factorValue, String factorSource,
                   boolean keepRunning) throws Exception {
        System.out.println("Starting PostgreSQL, anvil, " + (broker == null ? "HiveMQ (embedded)" : broker)
                + " and the creation service in " + workDir + " ...");
        try (LocalPipeline pipeline = LocalPipeline.start(workDir, repositoryRoot, broker, true)) {
            Thread stopOnInterrupt = new Thread(pipeline::close, "demo-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            int fiscalYear = io.solarmrv.attestation.JCreditSolarSelfConsumption.fiscalYear(plan.start());
            EmissionFactor factor = new EmissionFactor(factorValue, java.time.LocalDate.of(fiscalYear, 4, 1),
                    java.time.LocalDate.of(fiscalYear + 1, 4, 1), factorSource);
            pipeline.registerHouseholds(PROJECT, plan.households() + " homes with PV (demo)", factor, plan, plan.date().withDayOfMonth(1));
            long batteries = plan.homes().stream().filter(HouseholdPlan.Home::hasBattery).count();
            System.out.printf("Simulating %s at %.2f, %.2f (%s): %d homes on ECHONET Lite (%d with a battery), each device read every"
                    + " %d min, %.0fx real time ...%n", plan.date(), plan.latitude(), plan.longitude(), plan.zone(), plan.households(),
                    batteries, plan.pollInterval().toMinutes(), plan.speed());
            LocalPipeline.HouseholdRun run = pipeline.runHouseholdDay(plan);
            System.out.println("The agent stored " + run.storedReadings() + " signed readings (" + run.failedPolls() + " polls failed).");
            LocalPipeline.RecordedPeriod recorded = pipeline.recordPeriod(PROJECT, plan.start(), plan.end());
            ObjectMapper json = new ObjectMapper();
            Path reportFile = workDir.resolve("report.json");
            Files.writeString(reportFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(recorded.report()));
            printHomes(plan, recorded.report());
            Path bundleFile = workDir.resolve("bundle.json");
            ProofBundle bundle = recorded.bundle();
            ProofBundleJson.write(bundle, bundleFile);
            JsonNode period = recorded.period();
            String state = period.get("state").asText();
            System.out.println("Monitoring period " + period.get("number").asInt() + " of " + PROJECT + ": " + state
                    + (state.equals("APPROVED") && bundle.claimedCredits() == 0 ? " (verified; under one whole credit, so nothing to issue)" : ""));
            JsonNode checklist = pipeline.checklist(PROJECT, period.get("number").asInt());
            Map<String, Integer> tally = new java.util.TreeMap<>();
            checklist.get("items").forEach(item -> tally.merge(item.get("outcome").asText(), 1, Integer::sum));
            System.out.println("Verifier's checklist: " + tally);
            System.out.println("Report written to " + reportFile + "; proof bundle to " + bundleFile + "; what an auditor's check says:");
            System.out.println("$ mrv verify " + bundleFile + " --rpc " + pipeline.chain().rpcUrl());
            int verified = new CommandLine(new VerifyCommand()).execute(bundleFile.toString(), "--rpc", pipeline.chain().rpcUrl());
            if (keepRunning) {
                System.out.println("Pages: " + pipeline.serviceUrl() + "/ui/index.html#/projects/" + PROJECT + "/periods/"
                        + period.get("number").asInt() + "  (sign in as admin, password " + pipeline.adminPassword() + ")");
                System.out.println("Everything keeps running until Ctrl-C.");
                Thread.currentThread().join();
            }
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            boolean decided = state.equals("ISSUED") || (state.equals("APPROVED") && bundle.claimedCredits() == 0);
            if (!decided) {
                System.out.println("The demo failed: the period ended " + state);
            }
            return verified == 0 && decided ? 0 : 1;
        }
    }

    /** Each home's generation, export and battery terms from the report, and the project's totals. */
    private static void printHomes(HouseholdPlan plan, JsonNode report) {
        Map<String, Long> value = new HashMap<>();
        for (JsonNode device : report.get("devices")) {
            value.put(device.get("deviceId").asText(), device.get("creditedEnergyWh").asLong());
        }
        JsonNode self = report.get("selfConsumption");
        for (JsonNode meter : self.get("siteMeters")) {
            value.put(meter.get("deviceId").asText(), meter.get("exportWh").asLong());
        }
        Map<String, JsonNode> batteries = new HashMap<>();
        for (JsonNode battery : self.path("batteries")) {
            batteries.put(battery.get("deviceId").asText(), battery);
        }
        Map<String, String> leftOut = new HashMap<>();
        for (JsonNode member : report.path("members")) {
            if (!member.get("counts").asBoolean()) {
                leftOut.put(member.get("siteId").asText(), member.get("leftOutBecause").asText());
            }
        }
        System.out.println();
        System.out.println("Monitoring report " + report.get("projectId").asText() + "  " + report.get("from").asText() + " .. "
                + report.get("to").asText() + "  (J-Credit EN-R-002, FY" + self.get("fiscalYear").asInt() + ")");
        System.out.printf("  %-10s %12s %12s %12s %12s %12s%n", "home", "PV kWh", "export kWh", "charge kWh", "discharge kWh",
                "withheld kWh");
        int shown = 0;
        for (HouseholdPlan.Home home : plan.homes()) {
            if (shown++ == 12) {
                System.out.println("  ... " + (plan.households() - 12) + " more homes in the report");
                break;
            }
            if (leftOut.containsKey(home.siteId())) {
                System.out.printf("  %-10s left out: %s%n", home.siteId(), leftOut.get(home.siteId()));
                continue;
            }
            JsonNode battery = home.hasBattery() ? batteries.get(home.batteryId()) : null;
            System.out.printf("  %-10s %12s %12s %12s %12s %12s%n", home.siteId(), kwh(value.getOrDefault(home.pvId(), 0L)),
                    kwh(value.getOrDefault(home.meterId(), 0L)), battery == null ? "-" : kwh(battery.get("chargeWh").asLong()),
                    battery == null ? "-" : kwh(battery.get("dischargeWh").asLong()),
                    battery == null ? "-" : kwh(battery.get("withheldWh").asLong()));
        }
        long counting = report.path("members").size() - leftOut.size();
        System.out.println("  members              " + counting + " of " + report.path("members").size() + " credit throughout the period");
        System.out.println("  credited PV          " + kwh(report.get("creditedEnergyWh").asLong()) + " kWh");
        System.out.println("  exported             " + kwh(self.get("exportWh").asLong()) + " kWh");
        System.out.println("  withheld (batteries) " + kwh(batteries.values().stream().mapToLong(b -> b.get("withheldWh").asLong()).sum())
                + " kWh (charge - discharge + rated capacity, per battery)");
        System.out.println("  self-consumed        " + kwh(self.get("selfConsumedWh").asLong()) + " kWh, floored once for the project");
        System.out.println("  emission factor      " + report.get("emissionFactorTco2PerMwh").asText() + " tCO2/MWh");
        System.out.println("  emission reductions  " + report.get("emissionReductionsTco2").asText() + " tCO2");
        System.out.println("  credits (floored)    " + report.get("creditsTco2").asText() + " tCO2");
        System.out.println();
    }

    private static String kwh(long wh) {
        return BigDecimal.valueOf(wh).movePointLeft(3).toPlainString();
    }
}
