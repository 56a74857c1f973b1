package io.solarmrv.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks that run parts of the pipeline at a project's size and print a table: {@code
 * bench-api} (the service's routes under wrk), {@code bench-report} (a year's monitoring report of
 * 1,000 meters), {@code bench-evidence} (a period's proof bundle and its verification), {@code
 * bench-throughput} (readings a second through the whole job, next to the broker's own rate). {@code
 * ./mrv bench-api ...} runs them from here; docs/BENCHMARKS.md has the commands and results.
 */
@Command(name = "mrv", mixinStandardHelpOptions = true,
        subcommands = {ApiLatencyCommand.class, ReportBenchCommand.class, EvidenceBenchCommand.class, ThroughputCommand.class,
            CommandLine.HelpCommand.class})
public final class PipelineBenchmarks implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "mrv-logback.xml");
        }
        System.exit(new CommandLine(new PipelineBenchmarks()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
