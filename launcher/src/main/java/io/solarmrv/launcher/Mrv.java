package io.solarmrv.launcher;

import io.solarmrv.edge.AgentCommand;
import io.solarmrv.jobs.JobsCommand;
import io.solarmrv.jobs.coap.CoapIngestCommand;
import io.solarmrv.jobs.quality.QcCommand;
import io.solarmrv.ledger.LedgerCommand;
import io.solarmrv.simulators.SimCommand;
import io.solarmrv.verifier.MerkleCommand;
import io.solarmrv.verifier.NoteCommand;
import io.solarmrv.verifier.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./mrv}: one launcher for every role. It only dispatches: each command lives in the module
 * whose job it is (the agent in edge-agent, the job's in stream-jobs, the auditor's in verifier, the
 * devices in simulators, the contracts' in ledger-contracts), and each of those also starts alone
 * through its own {@code main}. What is the launcher's own is the demo, which starts the whole
 * pipeline on one machine ({@link LocalPipeline}). The {@code ./mrv} script starts the service and the
 * benchmarks on their own classpaths.
 */
@Command(name = "mrv", mixinStandardHelpOptions = true, version = "solar-mrv 0.1.0",
        description = "Digital MRV for solar PV and metered equipment: devices to verified, anchored credits.",
        footer = {"", "The ./mrv script also starts, each on its own classpath:",
            "  service (the creation service), bench (JMH), bench gas, bench-api,",
            "  bench-report, bench-evidence, bench-throughput (docs/BENCHMARKS.md)."},
        subcommands = {DemoCommand.class, SimCommand.class, AgentCommand.class, JobsCommand.class, LedgerCommand.class, MerkleCommand.class, NoteCommand.class, VerifyCommand.class, QcCommand.class, CoapIngestCommand.class,
            CommandLine.HelpCommand.class})
public final class Mrv implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // HiveMQ's jar carries its own logback.xml; ours has a distinct name so logback finds one file.
        // MRV_LOG_FORMAT=json: one JSON object per log event (logback's JsonEncoder), with the
        // events' key-value pairs (device, wait, error) as fields, for a gateway's log shipper.
        if (System.getProperty("logback.configurationFile") == null) {
            boolean json = "json".equalsIgnoreCase(System.getenv("MRV_LOG_FORMAT"));
            System.setProperty("logback.configurationFile", json ? "mrv-logback-json.xml" : "mrv-logback.xml");
        }
        int exit = new CommandLine(new Mrv()).execute(args);
        System.exit(exit);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
