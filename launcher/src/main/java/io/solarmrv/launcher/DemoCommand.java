package io.solarmrv.launcher;

import io.solarmrv.verifier.VerifyCommand;
import io.solarmrv.bundle.ProofBundleJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.methodology.EmissionFactor;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one simulated day through every part on this machine and prints the monitoring report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs one simulated day through the whole pipeline and prints its monitoring report.",
            "Runs one simulated summer day at a Tokyo rooftop site (two SunSpec inverters) through the whole",
            "pipeline: simulators -> edge agent -> MQTT broker -> Flink job -> PostgreSQL + anvil -> creation service.",
            "Prints the monitoring report and writes it to <out>/report.json. Everything it starts, it stops;",
            "with --keep-running, only at Ctrl-C, so the issued period can be looked at in a browser.",
            "Exit status: 0 when the period is issued, the report matches the simulators and 'mrv verify' holds; 1 otherwise."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Where to write the report and logs (default: .mrv/demo-<time>)")
    Path out;

    @Option(names = "--speed", defaultValue = "1440", description = "Simulated seconds per wall second (default: ${DEFAULT-VALUE}, a day a minute)")
    double speed;

    @Option(names = "--keep-running", description = "After the day, keep everything running and print the pages' address and"
            + " the administrator's sign-in until Ctrl-C")
    boolean keepRunning;

    @Option(names = "--broker", description = "Use this MQTT 5 broker (e.g. tcp://127.0.0.1:1883) instead of the embedded HiveMQ")
    String broker;

    @Option(names = "--emission-factor", defaultValue = "0.533",
            description = "Grid emission factor EF_RE in tCO2/MWh (default: ${DEFAULT-VALUE}, JCM's conservative captive-diesel value)")
    BigDecimal emissionFactor;

    @Option(names = "--emission-factor-source", defaultValue = "demo value (--emission-factor), not checked against a published document",
            description = "The document the emission factor is taken from; the claim on chain names it (default: ${DEFAULT-VALUE})")
    String emissionFactorSource;

    @Option(names = "--households", description = {"Instead: N Japanese homes on ECHONET Lite (PV power conditioner and smart meter,",
        "every second home a storage battery too) in one J-Credit EN-R-002 project, read every 5 minutes"})
    Integer households;

    @Option(names = "--fy-emission-factor", defaultValue = "0.45", description = {"With --households: the fiscal year's electricity",
        "emission factor in tCO2/MWh (default: ${DEFAULT-VALUE}, a demo value, not a published one)"})
    BigDecimal fiscalYearFactor;

    @Override
    public Integer call() throws Exception {
        Path workDir = out != null ? out : Path.of(".mrv", "demo-" + Instant.now().toString().replace(':', '-'));
        workDir = Files.createDirectories(workDir).toAbsolutePath();
        Path repositoryRoot = Path.of(System.getProperty("mrv.home", ".")).toAbsolutePath().normalize();
        if (households != null) {
            return HouseholdDemo.run(workDir, repositoryRoot, broker,
                    HouseholdPlan.osakaAutumnDay(households, speed), fiscalYearFactor,
                    "demo value (--fy-emission-factor), not checked against a published document", keepRunning);
        }
        DayPlan tokyo = DayPlan.tokyoSummerDay();
        DayPlan plan = new DayPlan(tokyo.date(), tokyo.latitude(), tokyo.longitude(), tokyo.zone(), tokyo.nameplatesW(),
                speed, Duration.ofMinutes(1));

        System.out.println("Starting PostgreSQL, anvil, " + (broker == null ? "HiveMQ (embedded)" : broker)
                + " and the creation service in " + workDir + " ...");
        try (LocalPipeline pipeline = LocalPipeline.start(workDir, repositoryRoot, broker, true)) {
            Thread stopOnInterrupt = new Thread(pipeline::close, "demo-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            EmissionFactor factor = new EmissionFactor(emissionFactor, plan.date().withDayOfMonth(1), null, emissionFactorSource);
            pipeline.registerProject("demo-pv", "Tokyo rooftop PV (demo)", factor, plan.deviceIds(), plan.nameplatesW(), plan.latitude(),
                    plan.longitude(), plan.zone(), plan.date().withDayOfMonth(1));
            System.out.printf("Simulating %s at %.2f, %.2f (%s), %d inverters, %.0fx real time ...%n",
                    plan.date(), plan.latitude(), plan.longitude(), plan.zone(), plan.nameplatesW().size(), speed);
            DayRun run = pipeline.runDay(plan);
            LocalPipeline.RecordedPeriod recorded = pipeline.recordPeriod("demo-pv", plan.start(), plan.end());
            JsonNode report = recorded.report();
            Path reportFile = workDir.resolve("report.json");
            ObjectMapper json = new ObjectMapper();
            Files.writeString(reportFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            Path bundleFile = workDir.resolve("bundle.json");
            printSummary(run, report, pipeline, reportFile);
            ProofBundle bundle = recorded.bundle();
            ProofBundleJson.write(bundle, bundleFile);
            JsonNode period = recorded.period();
            System.out.println("Monitoring period " + period.get("number").asInt() + " of demo-pv in the creation service: "
                    + period.get("state").asText() + (period.hasNonNull("firstSerial") ? ", serials " + period.get("firstSerial").asLong()
                    + ".." + period.get("lastSerial").asLong() : "") + ". Closed by the participant, approved by the verifier"
                    + " (its own key) after the bundle's offline checks, issued by the registry administrator; chain period #"
                    + bundle.anchor().periodId() + " (MonitoringRegistry " + pipeline.ledger().monitoringRegistry()
                    + ", CreditIssuance " + pipeline.ledger().creditIssuance() + ")");
            if (period.get("state").asText().equals("ISSUED")) {
                JsonNode issuance = pipeline.issuance("demo-pv", period.get("number").asInt());
                for (JsonNode a : issuance.get("allocations")) {
                    System.out.printf("  %-18s %-22s %3d credits  serials %d..%d%n", a.get("account").asText(), a.get("party").asText(),
                            a.get("credits").asLong(), a.get("firstSerial").asLong(), a.get("lastSerial").asLong());
                }
                System.out.println("  Article 6.2: corresponding adjustment " + issuance.get("article6").get("correspondingAdjustment").asText());
            }
            printChecklist(pipeline.checklist("demo-pv", period.get("number").asInt()));
            System.out.println("Proof bundle written to " + bundleFile + "; what an auditor's check of it says:");
            System.out.println("$ mrv verify " + bundleFile + " --rpc " + pipeline.chain().rpcUrl());
            int verified = new CommandLine(new VerifyCommand()).execute(bundleFile.toString(), "--rpc", pipeline.chain().rpcUrl());
            if (keepRunning) {
                System.out.println("Pages: " + pipeline.serviceUrl() + "/ui/index.html#/projects/demo-pv/periods/"
                        + period.get("number").asInt() + "  (sign in as admin, password " + pipeline.adminPassword() + ")");
                System.out.println("Everything keeps running until Ctrl-C.");
                Thread.currentThread().join();
            }
            System.out.println("(The chain stops with the demo; './mrv verify " + bundleFile + "' checks everything else offline.)");
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            boolean issued = period.get("state").asText().equals("ISSUED");
            boolean reportMatchesSimulators = report.get("totalEnergyWh").asLong() == run.totalSimulatorEnergyWh();
            if (!issued || !reportMatchesSimulators) {
                System.out.println("The demo failed: " + (issued ? "" : "the period ended " + period.get("state").asText() + ", not ISSUED; ")
                        + (reportMatchesSimulators ? "" : "the report's energy differs from the simulators' register deltas"));
            }
            return verified == 0 && issued && reportMatchesSimulators ? 0 : 1;
        }
    }

    private static String kwh(long wh) {
        return BigDecimal.valueOf(wh).movePointLeft(3).toPlainString();
    }

    private static void printSummary(DayRun run, JsonNode report, LocalPipeline pipeline, Path reportFile) {
        System.out.println();
        System.out.println("Monitoring report " + report.get("projectId").asText() + "  " + report.get("from").asText()
                + " .. " + report.get("to").asText());
        System.out.printf("  %-8s %14s %14s %9s  %s%n", "device", "report kWh", "simulator kWh", "readings", "quality flags");
        for (JsonNode device : report.get("devices")) {
            String id = device.get("deviceId").asText();
            int readings = 0;
            for (JsonNode interval : device.get("intervals")) {
                readings += interval.get("readings").asInt();
            }
            System.out.printf("  %-8s %14s %14s %9d  %s%n", id, kwh(device.get("energyWh").asLong()),
                    kwh(run.simulatorEnergyWh().get(id)), readings, device.get("qualityFlags").toString()
                            + (device.path("qualityTags").isEmpty() ? "" : ", tags " + device.get("qualityTags")));
        }
        System.out.printf("  %-8s %14s %14s%n", "total", kwh(report.get("totalEnergyWh").asLong()),
                kwh(run.totalSimulatorEnergyWh()));
        System.out.println("  excluded for flags   " + kwh(report.path("excludedEnergyWh").asLong(0)) + " kWh (register steps touching a"
                + " reading flagged stale, out_of_range, register_jump or key_revoked)");
        System.out.println("  credited EG          " + kwh(report.get("creditedEnergyWh").asLong()) + " kWh");
        System.out.println("  emission factor      " + report.get("emissionFactorTco2PerMwh").asText() + " tCO2/MWh");
        System.out.println("  emission reductions  " + report.get("emissionReductionsTco2").asText() + " tCO2 (credited EG x EF)");
        System.out.println("  credits (floored)    " + report.get("creditsTco2").asText() + " tCO2");
        JsonNode checkpoints = report.get("checkpoints");
        System.out.println("  anchored checkpoints " + checkpoints.size() + " on " + pipeline.chain().rpcUrl()
                + ", contract " + pipeline.anchorContract());
        if (!checkpoints.isEmpty()) {
            JsonNode last = checkpoints.get(checkpoints.size() - 1);
            System.out.println("    last: tree size " + last.get("treeSize").asText() + ", root " + last.get("root").asText()
                    + ", tx " + last.get("transactionHash").asText());
        }
        boolean matches = report.get("totalEnergyWh").asLong() == run.totalSimulatorEnergyWh();
        System.out.println(matches ? "  report energy equals the simulators' register deltas exactly"
                : "  MISMATCH: report energy differs from the simulators' register deltas");
        System.out.println();
        System.out.println("Report written to " + reportFile);
    }

    /** The checklist's tally: items the machine evidenced (PASS or FAIL, each FAIL named) and items left to the verifier. */
    private static void printChecklist(JsonNode checklist) {
        java.util.Map<String, Integer> tally = new java.util.TreeMap<>();
        java.util.List<String> failed = new java.util.ArrayList<>();
        java.util.List<String> person = new java.util.ArrayList<>();
        for (JsonNode item : checklist.get("items")) {
            String outcome = item.get("outcome").asText();
            tally.merge(outcome, 1, Integer::sum);
            if (outcome.equals("FAIL")) {
                failed.add(item.get("id").asText() + " (" + item.get("evidence").asText() + ")");
            } else if (outcome.equals("VERIFIER")) {
                person.add(item.get("id").asText());
            }
        }
        System.out.println("Verifier's checklist: " + tally + (failed.isEmpty() ? "; every machine-checkable item passes" : "; FAIL: "
                + String.join("; ", failed)) + "; left to the verifier: " + String.join(", ", person));
    }
}
