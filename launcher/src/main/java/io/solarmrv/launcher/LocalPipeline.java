package io.solarmrv.launcher;

import io.solarmrv.bundle.ProofBundleJson;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.attestation.note.NoteKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import io.solarmrv.edge.DeviceEndpoint;
import io.solarmrv.edge.SunSpecModbusReader;
import io.solarmrv.edge.Agent;
import io.solarmrv.edge.AgentConfig;
import io.solarmrv.edge.MqttUpstream;
import io.solarmrv.jobs.JobSettings;
import io.solarmrv.jobs.ReadingsJob;
import io.solarmrv.results.ResultsSchema;
import io.solarmrv.jobs.mqtt.MqttSessions;
import io.solarmrv.jobs.mqtt.MqttSourceConfig;
import io.solarmrv.jobs.quality.DeviceQuality;
import io.solarmrv.jobs.quality.QualityProfiles;
import io.solarmrv.jobs.quality.QualityThresholds;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.AnvilNode;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.simulators.AcceleratedClock;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.Fault;
import io.solarmrv.simulators.FaultInjectingInverter;
import io.solarmrv.simulators.HoldingRegisters;
import io.solarmrv.simulators.InverterMeter;
import io.solarmrv.simulators.ModbusTcpServer;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Every part of the product on one machine: embedded PostgreSQL, anvil with a freshly deployed
 * anchor contract, an MQTT broker (embedded HiveMQ, or any broker by URI), the creation service in
 * its own JVM, and, per simulated day, SunSpec simulators, an edge agent and the Flink job on a
 * local MiniCluster. Closing it stops everything it started.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final long INITIAL_REGISTER_WH = 1_234_567;
    private static final String TOPIC_FILTER = "mrv/readings/+";
    private static final Duration SOURCE_IDLE_TIMEOUT = Duration.ofSeconds(5);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final GatewayKey gatewayKey = GatewayKey.generate(new SecureRandom());
    private final NoteKeys.SignerKey logKey = NoteKeys.newSigner("solar-mrv.local/log", GatewayKey.generate(new SecureRandom()));
    private final Path workDir;
    private String jdbcUrl;
    private ChainConfig chain;
    private LedgerDeployment ledger;
    private String brokerUri;
    private ServiceProcess service;
    private ServiceWorkflow workflow;
    /** True once {@link #registerProject} onboarded devices at the service. */
    private boolean onboarded;
    private MqttSourceConfig mqtt;
    /** The embedded broker's accounts, when it admits only them; null when it is open or external. */
    private BrokerAccounts brokerAccounts;

    private LocalPipeline(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * A pipeline whose embedded broker is open to any client on loopback: for tests and benchmarks
     * that publish to it directly.
     *
     * @param brokerUri an MQTT 5 broker to use, or null to start an embedded HiveMQ
     */
    public static LocalPipeline start(Path workDir, Path repositoryRoot, String brokerUri) throws Exception {
        return start(workDir, repositoryRoot, brokerUri, false);
    }

    /**
     * @param brokerUri an MQTT 5 broker to use, or null to start an embedded HiveMQ
     * @param brokerAccounts whether the embedded broker admits only accounts: the job's, and each
     *                       day's gateway's, holding it to its devices' topics (passwords made per run)
     */
    public static LocalPipeline start(Path workDir, Path repositoryRoot, String brokerUri, boolean brokerAccounts) throws Exception {
        LocalPipeline pipeline = new LocalPipeline(Files.createDirectories(workDir));
        try {
            if (brokerAccounts && brokerUri == null) {
                pipeline.brokerAccounts = new BrokerAccounts(List.of());
            }
            pipeline.startParts(repositoryRoot, brokerUri);
            return pipeline;
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
    }

    private void startParts(Path repositoryRoot, String externalBroker) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(workDir.resolve("postgres")).setCleanDataDirectory(true).start();
        started.push(postgres);
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        ResultsSchema.apply(jdbcUrl);

        AnvilNode anvil = AnvilNode.start();
        started.push(anvil);
        chain = anvil.chain();
        String admin = anvil.address(0);
        String verifier = anvil.address(2);
        ledger = LedgerDeployment.deploy(chain, Duration.ofDays(2), new LedgerDeployment.Roles(admin, admin, verifier, admin));

        if (externalBroker == null) {
            EmbeddedBroker broker = EmbeddedBroker.start(workDir.resolve("broker"), FreePort.pick(), brokerAccounts);
            started.push(broker);
            brokerUri = broker.uri();
        } else {
            brokerUri = externalBroker;
        }
        mqtt = new MqttSourceConfig(brokerUri, TOPIC_FILTER, "mrv-jobs-" + Long.toHexString(System.nanoTime()),
                SOURCE_IDLE_TIMEOUT);
        if (brokerAccounts != null) {
            String jobPassword = BrokerAccounts.randomPassword();
            brokerAccounts.add(BrokerAccounts.job("mrv-job", jobPassword, MqttUpstream.DEFAULT_TOPIC_PREFIX));
            mqtt = mqtt.withLogin("mrv-job", jobPassword);
        }
        MqttSessions.provision(mqtt, 1);

        service = ServiceProcess.start(repositoryRoot, jdbcUrl, workDir.resolve("creation-service.log"), Map.of(
                "MRV_CHAIN_RPC_URL", chain.rpcUrl(),
                "MRV_CHAIN_ID", Long.toString(chain.chainId()),
                "MRV_ANCHOR_REGISTRY", ledger.anchorRegistry(),
                "MRV_MONITORING_REGISTRY", ledger.monitoringRegistry(),
                "MRV_CREDIT_ISSUANCE", ledger.creditIssuance(),
                "MRV_CHAIN_REGISTRAR_KEY", anvil.account(0).privateKeyHex(),
                "MRV_CHAIN_ISSUER_KEY", anvil.account(0).privateKeyHex(),
                "MRV_CHAIN_PARTICIPANT_KEY", anvil.account(1).privateKeyHex(),
                "MRV_LOG_VERIFIER_KEY", logKey.verifierKey().toString(), "MRV_LOG_TILES_DIR", logTiles().toString()));
        started.push(service);
        workflow = new ServiceWorkflow(service, anvil.account(2), ledger);
    }

    /** Runs one simulated day through simulators, agent and job, and returns once the job has finished. */
    public DayRun runDay(DayPlan plan) throws Exception {
        return runDay(plan, 0);
    }

    /**
     * The same, with a failure drill: the job fails once after {@code failJobOnceAfterMessages}
     * messages and recovers from its last checkpoint (0: no drill).
     */
    public DayRun runDay(DayPlan plan, long failJobOnceAfterMessages) throws Exception {
        List<String> ids = plan.deviceIds();
        Map<String, DeviceQuality> quality = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            quality.put(ids.get(i), new DeviceQuality("demo", plan.nameplatesW().get(i), plan.latitude(), plan.longitude(),
                    plan.pollInterval(), QualityThresholds.defaults()));
        }
        // Devices onboarded at the service run against its registry, keys and meter serials as the
        // operator registered them (GET /registry.txt); before that, against this pipeline's keys alone.
        String registry = onboarded ? workflow.registryText() : registryText(ids);
        JobClient job = startJob(registry, QualityProfiles.of(quality), failJobOnceAfterMessages);
        // Simulated time starts once the job runs and each device has answered once: at 2880x five
        // seconds of start-up are four simulated hours, and a first reading taken after sunrise
        // misses the morning's energy (the report is right; the day just started late).
        awaitRunning(job, Duration.ofMinutes(1));
        AcceleratedClock clock = AcceleratedClock.held(plan.start(), plan.end(), plan.speed());
        SolarGeometry site = new SolarGeometry(plan.latitude(), plan.longitude());
        Map<String, SimulatedInverter> inverters = new LinkedHashMap<>();
        Map<Integer, HoldingRegisters> units = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            SimulatedInverter inverter = new SimulatedInverter(ServiceWorkflow.meterSerial(ids.get(i)),
                    new ClearSkyPvModel(site, plan.nameplatesW().get(i), 0.85), clock, INITIAL_REGISTER_WH);
            inverters.put(ids.get(i), inverter);
            List<Fault> faults = plan.faults().getOrDefault(ids.get(i), List.of());
            InverterMeter device = faults.isEmpty() ? inverter : new FaultInjectingInverter(inverter, faults);
            units.put(i + 1, new SunSpecInverterRegisters(device, "solar-mrv", "sim-inverter"));
        }
        try (ModbusTcpServer modbus = new ModbusTcpServer(0, units)) {
            for (int i = 0; i < ids.size(); i++) {
                SunSpecModbusReader warmUp = new SunSpecModbusReader(new DeviceEndpoint.ModbusTcp(ids.get(i), "127.0.0.1", modbus.port(), i + 1), 5_000);
                try {
                    warmUp.read();
                } finally {
                    warmUp.close();
                }
            }
            clock.release();
            // The day's agent, as a gateway runs it (edge-agent's Agent), configured as a gateway's file would be.
            Map<String, String> endpoints = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                endpoints.put("device." + ids.get(i) + ".modbus", "127.0.0.1:" + modbus.port() + ":" + (i + 1));
            }
            AgentConfig config = AgentConfig.parse(agentSettings(plan.date(), plan.pollInterval(), endpoints), "the demo's agent");
            long stored;
            long failedPolls;
            try (Agent agent = Agent.open(config, gatewayKey, clock, new Agent.Pace(Duration.ofMillis(2), Duration.ofSeconds(5)))) {
                agent.runUntil(plan.end());
                agent.drain();
                stored = agent.storedCount();
                failedPolls = agent.failedPollCount();
            }
            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            Map<String, Long> deltas = inverters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().read().energyRegisterWh() - INITIAL_REGISTER_WH, (a, b) -> a, LinkedHashMap::new));
            return new DayRun(plan, deltas, stored, failedPolls);
        } catch (Exception e) {
            job.cancel();
            throw e;
        }
    }

    /**
     * The day's agent's settings: its store in the work directory, its devices' endpoints ({@code
     * device.<id>.<transport>} to its address), the broker, signed in as the gateway of these devices
     * when the broker has accounts (the password in an owner-only file, as on a gateway).
     */
    private java.util.Properties agentSettings(java.time.LocalDate day, Duration pollInterval, Map<String, String> endpoints)
            throws Exception {
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("data.dir", workDir.resolve("agent-" + day).toString());
        settings.setProperty("store.dir", workDir.resolve("agent-store-" + day).toString());
        settings.setProperty("store.max-mb", "256");
        settings.setProperty("upstream.broker", brokerUri);
        settings.setProperty("poll.interval", pollInterval.toString());
        settings.setProperty("poll.batch", "true");
        settings.setProperty("forward.replay-per-second", "10000");
        settings.setProperty("clock.sync", "UNSYNCHRONIZED");
        endpoints.forEach(settings::setProperty);
        if (brokerAccounts != null) {
            List<String> deviceIds = endpoints.keySet().stream().map(key -> key.substring("device.".length(), key.lastIndexOf('.'))).toList();
            String password = BrokerAccounts.randomPassword();
            brokerAccounts.add(BrokerAccounts.gateway("gw-demo", password, MqttUpstream.DEFAULT_TOPIC_PREFIX, deviceIds));
            java.nio.file.Path passwordFile = workDir.resolve("gw-demo-" + day + ".password");
            java.nio.file.Files.deleteIfExists(passwordFile);
            java.nio.file.Files.createFile(passwordFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            java.nio.file.Files.writeString(passwordFile, password + "\n");
            settings.setProperty("upstream.username", "gw-demo");
            settings.setProperty("upstream.password-file", passwordFile.toString());
        }
        return settings;
    }

    /** What a day of homes came to: readings the agent stored and polls that failed. */
    public record HouseholdRun(HouseholdPlan plan, long storedReadings, long failedPolls) {
    }

    /**
     * Runs a day of homes: each home's ECHONET Lite node (PV power conditioner, smart meter, battery
     * where it has one) on its own UDP port on 127.0.0.1, the agent reading them as a home gateway
     * would ({@code device.<id>.echonet}), the job verifying against the service's registry and
     * quality profiles. The agent starts three polls before midnight and reads on past the next by three,
     * so the site meters' and batteries' registers are bounded outward at both ends of the day.
     * Returns once the job has finished.
     */
    public HouseholdRun runHouseholdDay(HouseholdPlan plan) throws Exception {
        if (!onboarded) {
            throw new IllegalStateException("register the households first (registerHouseholds)");
        }
        JobClient job = startJob(workflow.registryText(), QualityProfiles.parse(workflow.qualityProfiles()), 0);
        awaitRunning(job, Duration.ofMinutes(1));
        Instant until = plan.end().plus(plan.pollInterval().multipliedBy(3));
        AcceleratedClock clock = AcceleratedClock.held(plan.start().minus(plan.pollInterval().multipliedBy(3)), until, plan.speed());
        SolarGeometry site = new SolarGeometry(plan.latitude(), plan.longitude());
        List<io.solarmrv.simulators.EchonetNode> nodes = new java.util.ArrayList<>();
        try {
            Map<String, String> endpoints = new LinkedHashMap<>();
            for (HouseholdPlan.Home home : plan.homes()) {
                io.solarmrv.simulators.EchonetNode node = io.solarmrv.simulators.EchonetHome.start(0, home.siteId(),
                        new ClearSkyPvModel(site, HouseholdPlan.PV_NAMEPLATE_W, 0.85),
                        io.solarmrv.simulators.EchonetHome.householdLoad(plan.zone()), clock, home.hasBattery());
                nodes.add(node);
                endpoints.put("device." + home.pvId() + ".echonet", "127.0.0.1:" + node.port() + ":027901");
                endpoints.put("device." + home.meterId() + ".echonet", "127.0.0.1:" + node.port() + ":028801");
                if (home.hasBattery()) {
                    endpoints.put("device." + home.batteryId() + ".echonet", "127.0.0.1:" + node.port() + ":027D01");
                }
            }
            AgentConfig config = AgentConfig.parse(agentSettings(plan.date(), plan.pollInterval(), endpoints), "the homes' agent");
            long stored;
            long failedPolls;
            try (Agent agent = Agent.open(config, gatewayKey, clock, new Agent.Pace(Duration.ofMillis(2), Duration.ofSeconds(5)))) {
                clock.release();   // once the agent is up: its start-up would otherwise eat the lead before midnight
                agent.runUntil(until);
                agent.drain();
                stored = agent.storedCount();
                failedPolls = agent.failedPollCount();
            }
            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            return new HouseholdRun(plan, stored, failedPolls);
        } catch (Exception e) {
            job.cancel();
            throw e;
        } finally {
            nodes.forEach(io.solarmrv.simulators.EchonetNode::close);
        }
    }

    /**
     * The operator onboards each home as its own site (PV power conditioner as the generation device,
     * smart meter as the site meter, battery with its rated capacity) under this pipeline's gateway
     * key; the participant registers one J-Credit EN-R-002 programme-type project of every home's
     * devices and enrols each home as a member from the day {@link HouseholdPlan#joinedOn} gives.
     */
    public void registerHouseholds(String projectId, String name, EmissionFactor factor, HouseholdPlan plan,
                                   java.time.LocalDate registeredOn) throws IOException, InterruptedException {
        for (HouseholdPlan.Home home : plan.homes()) {
            List<ServiceWorkflow.OnboardedDevice> devices = new java.util.ArrayList<>(List.of(
                    new ServiceWorkflow.OnboardedDevice(home.pvId(), "inverter", home.serial(home.pvId()), HouseholdPlan.PV_NAMEPLATE_W, null),
                    new ServiceWorkflow.OnboardedDevice(home.meterId(), "site-meter", home.serial(home.meterId()), 6_000, null)));
            if (home.hasBattery()) {
                devices.add(new ServiceWorkflow.OnboardedDevice(home.batteryId(), "battery", home.serial(home.batteryId()),
                        HouseholdPlan.BATTERY_NAMEPLATE_W, HouseholdPlan.BATTERY_CAPACITY_WH));
            }
            workflow.onboard(home.siteId(), plan.latitude(), plan.longitude(), plan.zone(), devices, registryText(home.deviceIds()),
                    registeredOn.minusMonths(1));
        }
        workflow.registerJCreditProject(projectId, name, factor, plan.deviceIds(), registeredOn);
        Map<String, java.time.LocalDate> joined = new LinkedHashMap<>();
        plan.homes().forEach(home -> joined.put(home.siteId(), plan.joinedOn(home)));
        workflow.enrol(projectId, joined, "metered");
        onboarded = true;
    }

    /**
     * Settings for running the readings job elsewhere (a Flink cluster) against this pipeline's
     * broker, database and chain: its own MQTT sessions for {@code parallelism} readers (shared
     * subscription), ending after {@code idleTimeout} without messages.
     */
    JobSettings externalJobSettings(List<String> deviceIds, int parallelism, Duration checkpointInterval,
                                    Duration idleTimeout) throws Exception {
        MqttSourceConfig external = new MqttSourceConfig(brokerUri, TOPIC_FILTER,
                "mrv-external-" + Long.toHexString(System.nanoTime()), idleTimeout);
        MqttSessions.provision(external, parallelism);
        return jobSettings(external, registryText(deviceIds), QualityProfiles.of(Map.of()), checkpointInterval, 0);
    }

    /** The readings job's settings against this pipeline's database, chain and log key. */
    private JobSettings jobSettings(MqttSourceConfig source, String registryText, QualityProfiles quality,
                                    Duration checkpointInterval, long failOnceAfterMessages) {
        return new JobSettings(source, registryText, jdbcUrl, chain, ledger.anchorRegistry(), checkpointInterval,
                Duration.ofMinutes(5), logKey.toSignerKeyString(), quality, failOnceAfterMessages)
                .withLogTiles(logTiles().toString());
    }


    private static void awaitRunning(JobClient job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        org.apache.flink.api.common.JobStatus status = job.getJobStatus().get();
        while (status != org.apache.flink.api.common.JobStatus.RUNNING) {
            if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the readings job is " + status + ", not running, after " + timeout);
            }
            Thread.sleep(50);
            status = job.getJobStatus().get();
        }
    }

    private JobClient startJob(String registryText, QualityProfiles quality, long failOnceAfterMessages) throws Exception {
        return startJob(registryText, quality, failOnceAfterMessages, Duration.ofSeconds(1));
    }

    private JobClient startJob(String registryText, QualityProfiles quality, long failOnceAfterMessages,
                               Duration checkpointInterval) throws Exception {
        StreamExecutionEnvironment env = localEnvironment();
        ReadingsJob.define(env, jobSettings(mqtt, registryText, quality, checkpointInterval, failOnceAfterMessages));
        return env.executeAsync("mrv-readings");
    }

    /**
     * Starts the readings job on this pipeline's MiniCluster over its broker, database, chain and
     * log, for these devices (registered with this pipeline's gateway key) and quality profiles.
     */
    public JobClient startJob(List<String> deviceIds, QualityProfiles quality, Duration checkpointInterval) throws Exception {
        return startJob(registryText(deviceIds), quality, 0, checkpointInterval);
    }

    /**
     * Starts the readings job fed from {@code payloads} in memory instead of the broker: the same
     * stages after the source (verification, chain check, windows, the log and its two-phase commit to
     * this pipeline's database and chain), those between source and log at {@code parallelism}.
     */
    public JobClient startJobFromMemory(List<String> deviceIds, List<byte[]> payloads, QualityProfiles quality,
                                        Duration checkpointInterval, int parallelism) throws Exception {
        StreamExecutionEnvironment env = localEnvironment();
        env.setParallelism(parallelism);   // the in-memory source is one reader; the log and its commit stay at 1
        env.enableCheckpointing(checkpointInterval.toMillis());
        ReadingsJob.defineFrom(env.fromData(payloads).name("messages-in-memory"),
                jobSettings(mqtt, registryText(deviceIds), quality, checkpointInterval, 0));
        return env.executeAsync("mrv-readings-from-memory");
    }

    private StreamExecutionEnvironment localEnvironment() {
        Configuration config = new Configuration();
        // A local run fails after a few attempts instead of restarting forever on a persistent error.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        // Checkpoints on disk: a checkpoint holds the log's uncommitted leaves, which at a few
        // thousand readings a second outgrow the JobManager's 5 MB in-memory limit.
        config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("flink-checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        return env;
    }

    /** The device-key registry for this pipeline's gateway. */
    public String registryText(List<String> deviceIds) {
        return deviceIds.stream().map(id -> DeviceRegistry.registrationLine(id, gatewayKey))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The operator onboards the site, the devices and this pipeline's gateway key; the participant
     * proposes a JCM solar PV project of those devices, which is validated and registered on {@code registeredOn}.
     */
    public void registerProject(String projectId, String name, EmissionFactor emissionFactor, List<String> deviceIds,
                                List<Long> nameplatesW, double latitude, double longitude, java.time.ZoneId zone,
                                java.time.LocalDate registeredOn)
            throws IOException, InterruptedException {
        if (nameplatesW.size() != deviceIds.size()) {
            throw new IllegalArgumentException("one nameplate per device: " + deviceIds.size() + " devices, " + nameplatesW.size());
        }
        Map<String, Long> devices = new LinkedHashMap<>();
        for (int i = 0; i < deviceIds.size(); i++) {
            devices.put(deviceIds.get(i), nameplatesW.get(i));
        }
        workflow.onboard(projectId + "-site", latitude, longitude, zone, devices, registryText(deviceIds), registeredOn.minusMonths(1));
        workflow.registerProject(projectId, name, "MV_AM001 Ver1.0", emissionFactor, deviceIds, registeredOn);
        onboarded = true;
    }

    /** {@code GET /quality.properties}: the profiles {@code mrv jobs --quality} reads, from the service's registry. */
    public String qualityProfiles() throws IOException, InterruptedException {
        return workflow.qualityProfiles();
    }

    /** The report JSON exactly as {@code GET /projects/{id}/report} returns it. */
    public String report(String projectId, Instant from, Instant to) throws IOException, InterruptedException {
        return workflow.report(projectId, from, to);
    }

    /** The proof bundle for a report this pipeline's service produced. */

    public GatewayKey gatewayKey() {
        return gatewayKey;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public ChainConfig chain() {
        return chain;
    }

    /** The Merkle log's signer key ({@code PRIVATE+KEY+...}), for a job run outside this process. */
    String logSignerKey() {
        return logKey.toSignerKeyString();
    }

    /** The AnchorRegistry's address. */
    /** Where the job writes the Merkle log as C2SP tlog-tiles and the service reads its proofs. */
    public Path logTiles() {
        return workDir.resolve("log-tiles").toAbsolutePath();
    }

    public String anchorContract() {
        return ledger.anchorRegistry();
    }

    public LedgerDeployment ledger() {
        return ledger;
    }

    /** Who received which serials of an issued period, and its Article 6.2 status, as the service recorded them. */
    public JsonNode issuance(String projectId, int number) throws IOException, InterruptedException {
        return workflow.issuance(projectId, number);
    }

    /** The period's checklist, as the verifier reads it. */
    public JsonNode checklist(String projectId, int number) throws IOException, InterruptedException {
        return workflow.checklist(projectId, number);
    }

    /** A period put through the service: its bundle (pointing at the chain's period), its report, its final state. */
    public record RecordedPeriod(ProofBundle bundle, JsonNode report, JsonNode period) {
    }

    /**
     * One monitoring period through the creation service as its people would do it (see {@link
     * ServiceWorkflow}): the participant closes it, the verifier downloads its proof bundle from the
     * service, checks it offline and signs its decision, and an approved period with credits is issued.
     */
    public RecordedPeriod recordPeriod(String projectId, Instant from, Instant to) throws IOException, InterruptedException, SQLException {
        JsonNode closed = workflow.closePeriod(projectId, from, to);
        int number = closed.get("number").asInt();
        long chainPeriodId = closed.get("chainPeriodId").asLong();
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(workflow.periodReport(projectId, number));
        ProofBundle bundle = ProofBundleJson.read(workflow.bundle(projectId, number));
        JsonNode decided = workflow.verify(projectId, number, chainPeriodId, bundle);
        boolean issuable = decided.get("state").asText().equals("APPROVED") && bundle.claimedCredits() > 0;
        return new RecordedPeriod(bundle, report, issuable ? workflow.issue(projectId, number) : decided);
    }

    public String brokerUri() {
        return brokerUri;
    }

    public String serviceUrl() {
        return service.baseUrl();
    }

    /** A new API token of the service for {@code role}, as a verifier or auditor holds one for their own tools. */
    public String apiToken(String name, String role) throws IOException, InterruptedException {
        return workflow.token(name, role);
    }

    /** The creation service's bootstrap administrator password (random per start). */
    public String adminPassword() {
        return service.adminPassword();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping a part failed: " + e);
            }
        }
    }
}
