package io.solarmrv.jobs;

import io.solarmrv.jobs.mqtt.MqttSessions;
import io.solarmrv.jobs.quality.QualityProfiles;
import io.solarmrv.jobs.mqtt.MqttSourceConfig;
import io.solarmrv.jobs.sink.InfluxTarget;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.results.ResultsSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job jar's entry point, for a Flink cluster of one's own:
 * <pre>
 * MRV_CHAIN_PRIVATE_KEY=0x... flink run -p 2 -c io.solarmrv.jobs.ReadingsJobMain stream-jobs-*-job.jar \
 *     --broker tcp://broker:1883 --registry /etc/mrv/registry.txt --log-key /etc/mrv/log.key \
 *     --jdbc-url 'jdbc:postgresql://db:5432/mrv?user=mrv&amp;password=...' --rpc http://node:8545 --chain-id 31337 \
 *     --contract 0x... --log-tiles /shared/mrv/log-tiles [--topic mrv/readings/+] [--checkpoint-interval PT10S] [--influx-url http://influx:8086] \
 *     [--quality /etc/mrv/quality.properties] [--mqtt-username mrv-job --mqtt-password-file /etc/mrv/mqtt.password] [--chain-confirmations N]
 * </pre>
 * Without {@code --quality} (a {@link QualityProfiles} file) the daily quality rules check no device.
 * Files are read where the client runs; the log's tiles directory is written by the task running the
 * log's commit, so on a cluster it must be a directory that task's machine reaches and the creation
 * service reads (a shared file system). Parallelism comes from {@code -p}; the Merkle log and its
 * commit stay at 1. Every missing or bad option is named.
 */
public final class ReadingsJobMain {
    private static final List<String> REQUIRED = List.of("broker", "registry", "log-key", "jdbc-url", "contract", "log-tiles");

    private ReadingsJobMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String privateKey = System.getenv("MRV_CHAIN_PRIVATE_KEY");
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalArgumentException("MRV_CHAIN_PRIVATE_KEY is not set: the job needs the anchoring account's key (hex)");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings settings = settings(options, privateKey, env.getParallelism());
        ReadingsJob.define(env, settings);
        env.execute("mrv-readings");
    }

    /** The settings the options describe; also provisions the MQTT sessions and the results tables. */
    public static JobSettings settings(Map<String, String> options, String privateKey, int parallelism) throws Exception {
        MqttSourceConfig mqtt = new MqttSourceConfig(options.get("broker"), options.getOrDefault("topic", "mrv/readings/+"),
                options.getOrDefault("client-id", "mrv-jobs"),
                options.containsKey("idle-timeout") ? Duration.parse(options.get("idle-timeout")) : null);
        if (options.containsKey("mqtt-username") != options.containsKey("mqtt-password-file")) {
            throw new IllegalArgumentException("--mqtt-username and --mqtt-password-file go together (the job's broker account)");
        }
        if (options.containsKey("mqtt-username")) {
            mqtt = mqtt.withLogin(options.get("mqtt-username"),
                    Files.readString(Path.of(options.get("mqtt-password-file"))).lines().findFirst().orElse(""));
        }
        ResultsSchema.apply(options.get("jdbc-url"));
        MqttSessions.provision(mqtt, Math.max(1, parallelism));
        JobSettings settings = new JobSettings(mqtt, Files.readString(Path.of(options.get("registry"))), options.get("jdbc-url"),
                new ChainConfig(options.getOrDefault("rpc", "http://127.0.0.1:8545"),
                        Long.parseLong(options.getOrDefault("chain-id", "31337")), privateKey,
                        Integer.parseInt(options.getOrDefault("chain-confirmations", "0"))),
                options.get("contract"), Duration.parse(options.getOrDefault("checkpoint-interval", "PT10S")),
                Duration.ofMinutes(5), Files.readString(Path.of(options.get("log-key"))).strip(), qualityProfiles(options), 0)
                .withRegistryFile(Path.of(options.get("registry")).toAbsolutePath().toString());
        settings = settings.withLogTiles(Path.of(options.get("log-tiles")).toAbsolutePath().toString());
        return options.containsKey("influx-url")
                ? settings.withInflux(new InfluxTarget(options.get("influx-url"), options.getOrDefault("influx-db", "mrv")))
                : settings;
    }

    private static QualityProfiles qualityProfiles(Map<String, String> options) throws java.io.IOException {
        if (!options.containsKey("quality")) {
            return QualityProfiles.nameplatesOnly(Map.of());
        }
        try {
            return QualityProfiles.parse(Files.readString(Path.of(options.get("quality"))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--quality " + options.get("quality") + ": " + e.getMessage());
        }
    }

    /** {@code --name value} pairs; names every missing required option at once. */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected '--name value' pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        List<String> missing = REQUIRED.stream().filter(name -> !options.containsKey(name)).map(name -> "--" + name).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing option(s): " + String.join(", ", missing));
        }
        return options;
    }
}
