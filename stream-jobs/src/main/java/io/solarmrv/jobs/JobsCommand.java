package io.solarmrv.jobs;

import io.solarmrv.jobs.JobSettings;
import io.solarmrv.jobs.ReadingsJob;
import io.solarmrv.results.ResultsSchema;
import io.solarmrv.jobs.mqtt.MqttSessions;
import io.solarmrv.jobs.mqtt.MqttSourceConfig;
import io.solarmrv.ledger.ChainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the readings job on a local MiniCluster against real servers. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"Runs the Flink readings job on a local MiniCluster.",
            "Runs the Flink readings job on a local MiniCluster: MQTT in; verified readings, hourly energy,",
            "rejects and the Merkle log out to PostgreSQL; log checkpoints anchored on chain."})
public final class JobsCommand implements Callable<Integer> {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new JobsCommand()).execute(args));
    }

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker URI (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--mqtt-username", description = "The job's broker account, so the broker's ACL can let only the job"
            + " subscribe (with --mqtt-password-file)")
    String mqttUsername;

    @Option(names = "--mqtt-password-file", description = "File whose first line is the broker account's password")
    Path mqttPasswordFile;

    @Option(names = "--topic", defaultValue = "mrv/readings/+", description = "Topic filter (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--registry", required = true, description = "Device-key registry file (lines from 'mrv agent --print-registration',"
            + " or the service's GET /registry.txt); looked at again every 30 s while the job runs (replace it by atomic rename)")
    Path registry;

    @Option(names = "--jdbc-url", required = true, description = "Results database, e.g. jdbc:postgresql://127.0.0.1:5432/mrv?user=mrv&password=...")
    String jdbcUrl;

    @Option(names = "--rpc", defaultValue = "http://127.0.0.1:8545", description = "EVM JSON-RPC URL (default: ${DEFAULT-VALUE})")
    String rpc;

    @Option(names = "--chain-id", defaultValue = "31337", description = "Chain id (default: ${DEFAULT-VALUE}, anvil)")
    long chainId;

    @Option(names = "--chain-confirmations", defaultValue = "0", description = {"Blocks that must carry an anchor before it counts",
        "(default: 0, the chain's own: 1 on anvil and Hardhat, 12 on any other chain)"})
    int chainConfirmations;

    @Option(names = "--contract", required = true, description = "AnchorRegistry contract address")
    String contract;

    @Option(names = "--log-key", required = true,
            description = "File holding the Merkle log's C2SP signer key (PRIVATE+KEY+<origin>+<hash>+<key>); its name is the checkpoints' origin")
    Path logKey;

    @Option(names = "--nameplate", split = ",", description = "Device AC nameplate as id=W (repeatable): the daily quality rules run for these devices")
    java.util.Map<String, Long> nameplates = new java.util.HashMap<>();

    @Option(names = "--quality", description = {"Quality profiles file (per project: devices with nameplates, site, poll interval,",
        "thresholds; format in docs/QUALITY.md). Instead of --nameplate."})
    Path quality;

    @Option(names = "--checkpoint-interval", defaultValue = "PT10S", description = "Flink checkpoint interval (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    @Option(names = "--log-tiles", defaultValue = "mrv-data/log-tiles", description = {"Directory where the Merkle log is stored as",
        "C2SP tlog-tiles (hash tiles and entry bundles: the signed readings, fsynced before each checkpoint is anchored); the",
        "creation service reads readings and proofs there (MRV_LOG_TILES_DIR). Default: ${DEFAULT-VALUE}"})
    Path logTiles;

    @Option(names = "--influx-url", description = "InfluxDB 1.x URL (e.g. http://127.0.0.1:8086): readings, hourly energy and flags are also written there")
    String influxUrl;

    @Option(names = "--influx-db", defaultValue = "mrv", description = "InfluxDB database (default: ${DEFAULT-VALUE}); created if missing")
    String influxDb;

    @Option(names = "--checkpoint-dir", defaultValue = "mrv-data/flink-checkpoints",
            description = {"Where the local Flink run keeps its checkpoints (default: ${DEFAULT-VALUE}). A restart resumes",
                "from the newest complete checkpoint here, so the Merkle log continues where it was; delete it only with the results database."})
    java.nio.file.Path checkpointDir;

    @Override
    public Integer call() throws Exception {
        String privateKey = System.getenv("MRV_CHAIN_PRIVATE_KEY");
        if (privateKey == null || privateKey.isBlank()) {
            System.err.println("MRV_CHAIN_PRIVATE_KEY is not set: the job needs the anchoring account's private key (hex)");
            return 2;
        }
        io.solarmrv.jobs.quality.QualityProfiles profiles;
        if (quality != null && !nameplates.isEmpty()) {
            System.err.println("give --quality or --nameplate, not both: a quality profile names each device's nameplate");
            return 2;
        }
        try {
            profiles = quality == null ? io.solarmrv.jobs.quality.QualityProfiles.nameplatesOnly(nameplates)
                    : io.solarmrv.jobs.quality.QualityProfiles.parse(Files.readString(quality));
        } catch (IllegalArgumentException e) {
            System.err.println("--quality " + quality + ": " + e.getMessage());
            return 2;
        }
        MqttSourceConfig mqtt = new MqttSourceConfig(broker, topic, "mrv-jobs", null);
        if ((mqttUsername == null) != (mqttPasswordFile == null)) {
            System.err.println("--mqtt-username and --mqtt-password-file go together (the job's broker account)");
            return 2;
        }
        if (mqttUsername != null) {
            mqtt = mqtt.withLogin(mqttUsername, Files.readString(mqttPasswordFile).lines().findFirst().orElse(""));
        }
        ResultsSchema.apply(jdbcUrl);
        MqttSessions.provision(mqtt, 1);
        org.apache.flink.configuration.Configuration config = new org.apache.flink.configuration.Configuration();
        // On disk, not in the JobManager's memory (5 MB): a checkpoint holds the log's uncommitted leaves.
        config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                java.nio.file.Files.createDirectories(checkpointDir).toAbsolutePath().toUri().toString());
        // Kept when the process dies, and resumed from on the next start: the log's state (its compact
        // ranges) lives in the checkpoint, and the MQTT sessions hold whatever came after it.
        config.set(org.apache.flink.configuration.CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        java.util.Optional<java.nio.file.Path> resume = RetainedCheckpoints.latest(checkpointDir);
        if (resume.isPresent()) {
            System.out.println("mrv jobs: resuming from checkpoint " + resume.get());
            config.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, resume.get().toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        JobSettings settings = new JobSettings(mqtt, Files.readString(registry), jdbcUrl,
                new ChainConfig(rpc, chainId, privateKey, chainConfirmations), contract, checkpointInterval, Duration.ofMinutes(5),
                Files.readString(logKey).strip(), profiles, 0).withRegistryFile(registry.toAbsolutePath().toString());
        settings = settings.withLogTiles(logTiles.toAbsolutePath().toString());
        if (influxUrl != null) {
            settings = settings.withInflux(new io.solarmrv.jobs.sink.InfluxTarget(influxUrl, influxDb));
        }
        ReadingsJob.define(env, settings);
        env.execute("mrv-readings");
        return 0;
    }
}
