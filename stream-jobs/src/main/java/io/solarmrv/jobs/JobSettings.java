package io.solarmrv.jobs;

import io.solarmrv.jobs.mqtt.MqttSourceConfig;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.jobs.quality.QualityProfiles;
import java.time.Duration;

/**
 * Everything the readings job needs from outside.
 *
 * @param mqtt                where readings arrive
 * @param registryText        device-key registry ({@link io.solarmrv.attestation.DeviceRegistry} text form)
 * @param jdbcUrl             results database (PostgreSQL), including credentials
 * @param chain               chain to anchor on
 * @param anchorContract      address of the AnchorRegistry contract
 * @param checkpointInterval  Flink checkpoint interval: MQTT acks and database commits follow it
 * @param maxOutOfOrderness   how far behind the newest reading a reading may arrive and still be
 *                            counted in its hour
 * @param logSignerKey        the Merkle log's C2SP signer key ({@code PRIVATE+KEY+<origin>+...})
 * @param quality             which devices the daily quality rules check, with their nameplate, site,
 *                            poll interval and project thresholds
 * @param failOnceAfterMessages failure drill: if above 0, the job fails once after this many
 *                            messages and recovers from its last checkpoint ({@link FailOnce})
 * @param influx              where readings, hourly energy and flags are also written, or null for nowhere
 * @param registryFile        the file {@code registryText} was read from, looked at again while the job
 *                            runs (registrations, rotations, revocations), or null to keep the text
 * @param logTilesDir         where the log is stored, as C2SP tlog-tiles ({@link
 *                            io.solarmrv.attestation.log.TiledLog}), before each checkpoint is anchored;
 *                            required to run the job ({@link #withLogTiles})
 */
public record JobSettings(MqttSourceConfig mqtt, String registryText, String jdbcUrl, ChainConfig chain,
                          String anchorContract, Duration checkpointInterval, Duration maxOutOfOrderness,
                          String logSignerKey, QualityProfiles quality, long failOnceAfterMessages,
                          io.solarmrv.jobs.sink.InfluxTarget influx, String registryFile, String logTilesDir) {

    /** Settings without a tiled log. */
    public JobSettings(MqttSourceConfig mqtt, String registryText, String jdbcUrl, ChainConfig chain, String anchorContract,
                       Duration checkpointInterval, Duration maxOutOfOrderness, String logSignerKey, QualityProfiles quality,
                       long failOnceAfterMessages, io.solarmrv.jobs.sink.InfluxTarget influx, String registryFile) {
        this(mqtt, registryText, jdbcUrl, chain, anchorContract, checkpointInterval, maxOutOfOrderness, logSignerKey, quality,
                failOnceAfterMessages, influx, registryFile, null);
    }

    /** Settings without an InfluxDB target. */
    public JobSettings(MqttSourceConfig mqtt, String registryText, String jdbcUrl, ChainConfig chain, String anchorContract,
                       Duration checkpointInterval, Duration maxOutOfOrderness, String logSignerKey,
                       QualityProfiles quality, long failOnceAfterMessages) {
        this(mqtt, registryText, jdbcUrl, chain, anchorContract, checkpointInterval, maxOutOfOrderness, logSignerKey,
                quality, failOnceAfterMessages, null, null);
    }

    /** The same settings, also writing to InfluxDB. */
    public JobSettings withInflux(io.solarmrv.jobs.sink.InfluxTarget target) {
        return new JobSettings(mqtt, registryText, jdbcUrl, chain, anchorContract, checkpointInterval, maxOutOfOrderness,
                logSignerKey, quality, failOnceAfterMessages, target, registryFile, logTilesDir);
    }

    /** The same settings, looking at the registry's file again while the job runs. */
    public JobSettings withRegistryFile(String file) {
        return new JobSettings(mqtt, registryText, jdbcUrl, chain, anchorContract, checkpointInterval, maxOutOfOrderness,
                logSignerKey, quality, failOnceAfterMessages, influx, file, logTilesDir);
    }

    /** The same settings, also writing the log as tiles in {@code directory}. */
    public JobSettings withLogTiles(String directory) {
        return new JobSettings(mqtt, registryText, jdbcUrl, chain, anchorContract, checkpointInterval, maxOutOfOrderness,
                logSignerKey, quality, failOnceAfterMessages, influx, registryFile, directory);
    }

    @Override
    public String toString() {
        return "JobSettings[" + mqtt + ", " + chain + ", contract=" + anchorContract + ", log key=<hidden>]";
    }
}
