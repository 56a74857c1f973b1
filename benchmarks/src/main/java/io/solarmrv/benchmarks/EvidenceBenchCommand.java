package io.solarmrv.benchmarks;

import io.solarmrv.attestation.BundleVerifier;
import io.solarmrv.attestation.EvidenceSample;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.JcmSolarPv;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.attestation.log.TiledLog;
import io.solarmrv.attestation.methodology.MeterCalibration;
import io.solarmrv.attestation.methodology.VoidingRules;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import io.solarmrv.bundle.ProofBundleExporter;
import io.solarmrv.bundle.ProofBundleJson;
import io.solarmrv.results.IndexedReading;
import io.solarmrv.results.LogIndex;
import io.solarmrv.results.ResultsSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mrv bench-evidence}: a period's evidence at the size users run. Logs a fleet's genuine
 * signed readings ({@link SyntheticFleetLog}: batches per poll, as a gateway signs them) for a
 * JCM period into a C2SP tiled log ({@link TiledLog}) and the results database's index of it
 * ({@link LogIndex}, one row per device-hour), with a signed checkpoint a day; then times building the period's proof bundle of bounds and samples as
 * the service does ({@link ProofBundleExporter}, proofs from the tiles), its size, the heap while
 * building it, and verifying it offline ({@link BundleVerifier}). Prints a table; the last line is
 * the bundle's path.
 */
@Command(name = "bench-evidence", mixinStandardHelpOptions = true,
        description = "Builds and verifies a period's proof bundle over a real signed log of --devices x --days.")
final class EvidenceBenchCommand implements Callable<Integer> {
    /** 1 July 2026, 00:00 in Bangkok: the period starts on a day of the host country's calendar. */
    private static final Instant FROM = Instant.parse("2026-06-30T17:00:00Z");
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final String ORIGIN = "bench.solar-mrv.example/log";

    @Option(names = "--devices", defaultValue = "1000", description = "Meters (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--days", defaultValue = "30", description = "Period length in days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--reading-seconds", defaultValue = "60", description = "Seconds between polls (default: ${DEFAULT-VALUE})")
    int readingSeconds;

    @Option(names = "--per-gateway", defaultValue = "10", description = "Meters per gateway, one signed batch each poll (default: ${DEFAULT-VALUE})")
    int perGateway;

    @Option(names = "--flag-every", defaultValue = "100000", description = "One reading in this many voided (default: ${DEFAULT-VALUE})")
    int flagEvery;

    @Option(names = "--sample-days", defaultValue = "10", description = "Device-days drawn whole into the bundle (default: ${DEFAULT-VALUE})")
    int sampleDays;

    @Option(names = "--work-dir", description = {"Where the log, the database and the bundle go, kept afterwards (default: a new",
        "temporary directory); a run without --reuse first deletes the log and database an earlier run left there"})
    Path workDir;

    @Option(names = "--reuse", description = "Reuse the log and database a run with the same options left in --work-dir:"
            + " only build and verify the bundle")
    boolean reuse;

    @Override
    public Integer call() throws Exception {
        if (flagEvery < 3 || devices < 1 || days < 1 || perGateway < 1 || perGateway > 1000) {
            throw new IllegalArgumentException("--flag-every >= 3, --devices >= 1, --days >= 1, --per-gateway 1..1000");
        }
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mrv-bench-evidence");
        long pollsPerDay = 86_400L / readingSeconds;
        // Poll 0 is before the period; polls 1 .. days x pollsPerDay + 1 are in it (the last at its end); one more after.
        long polls = days * pollsPerDay + 3;
        long lastInPeriod = polls - 2;
        Instant to = FROM.plusSeconds(86_400L * days);
        SyntheticFleetLog fleet = new SyntheticFleetLog(devices, perGateway, FROM.minusSeconds(readingSeconds), readingSeconds * 1000L,
                readingSeconds * 5_000L / 3_600);
        NoteKeys.SignerKey logKey = NoteKeys.newSigner(ORIGIN, GatewayKey.fromSeed(Sha256.hash("bench log key".getBytes(StandardCharsets.US_ASCII))));
        if (reuse && workDir == null) {
            throw new IllegalArgumentException("--reuse needs the --work-dir of an earlier run");
        }
        if (!reuse) {
            // A fresh run: nothing of an earlier one may be appended to.
            deleteTree(dir.resolve("postgres"));
            deleteTree(dir.resolve("log-tiles"));
        }
        // The database is kept on close, so that --reuse finds it.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(false)
                .setServerConfig("max_wal_size", "8GB").setServerConfig("shared_buffers", "512MB").start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            Path tilesDir = dir.resolve("log-tiles");
            long leaves = polls * devices;
            double logSeconds = Double.NaN;
            if (!reuse) {
                ResultsSchema.apply(jdbcUrl);
                long started = System.nanoTime();
                log(fleet, polls, pollsPerDay, jdbcUrl, tilesDir, logKey);
                logSeconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("Logged %,d signed readings (%,d meters x %,d polls, batches of %d) in %.0f s: %,d readings/s%n",
                        leaves, devices, polls, perGateway, logSeconds, (long) (leaves / logSeconds));
            }

            MonitoringClaim claim = claim(fleet, lastInPeriod, to);
            byte[] root;
            try (TiledLog tiles = TiledLog.openForReading(tilesDir)) {
                root = tiles.root(leaves);
            }
            List<EvidenceSample.DeviceDay> drawn = EvidenceSample.draw(EvidenceSample.seed(claim.digest(), root),
                    claim.energyWh().keySet(), FROM, to, BANGKOK, sampleDays);

            Path bundleFile = dir.resolve("bundle.json");
            Map<String, MeterCalibration> calibrations = new TreeMap<>();
            claim.energyWh().keySet().forEach(id -> calibrations.put(id, new MeterCalibration("1", List.of(
                    new MeterCalibration.Certificate("BENCH-CAL-" + id, LocalDate.of(2026, 1, 1), LocalDate.of(2036, 1, 1))))));
            HeapPeak heap = new HeapPeak();
            long exportStart = System.nanoTime();
            ProofBundle bundle;
            try (Connection c = DriverManager.getConnection(jdbcUrl); TiledLog tiles = TiledLog.openForReading(tilesDir)) {
                bundle = ProofBundleExporter.export(c, claim, fleet.registry(), logKey.verifierKey().toString(),
                        new ProofBundle.Anchor(31337, "0x0"), calibrations, tiles, leaves,
                        ProofBundleExporter.Wanted.boundsAndSamples(sampleDays,
                                claim.meters().stream().collect(java.util.stream.Collectors.toMap(m -> m, m -> VoidingRules.defaults(5_000)))));
                ProofBundleJson.write(bundle, bundleFile);
            }
            double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
            long heapPeak = heap.stop();

            long verifyStart = System.nanoTime();
            ProofBundle read = ProofBundleJson.read(bundleFile);
            List<BundleVerifier.Check> checks = BundleVerifier.verify(read);
            double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
            List<BundleVerifier.Check> failed = checks.stream().filter(c -> !c.passed()).toList();
            failed.forEach(c -> System.out.println("FAIL  " + c.name() + ": " + c.detail()));

            System.out.println();
            System.out.printf("| figure | %,d meters x %d days, a reading every %d s (%,d readings) |%n", devices, days, readingSeconds, leaves);
            System.out.println("|---|---|");
            System.out.printf("| log the readings (sign, tiles, index) | %s |%n", reuse ? "(reused)" : String.format("%.0f s", logSeconds));
            System.out.printf("| bundle of bounds and %d sampled device-days, built as the service does | %.1f s |%n", sampleDays, exportSeconds);
            System.out.printf("| its size | %,d bytes (%,d readings with proofs, %d checkpoints) |%n", Files.size(bundleFile),
                    bundle.readings().size(), bundle.checkpoints().size());
            System.out.printf("| heap used while building it (peak, sampled every 20 ms) | %,d MB |%n", heapPeak >> 20);
            System.out.printf("| `mrv verify` of it, offline (read + every check) | %.1f s, %d checks, %d failed |%n", verifySeconds,
                    checks.size(), failed.size());
            System.out.println();
            System.out.println("Bundle: " + bundleFile);
            return failed.isEmpty() ? 0 : 1;
        }
    }

    /**
     * Logs every poll: tiles appended and committed, then the committed readings indexed (as the
     * job's commit does), a signed checkpoint at the end of each day.
     */
    private void log(SyntheticFleetLog fleet, long polls, long pollsPerDay, String jdbcUrl, Path tilesDir,
                     NoteKeys.SignerKey logKey) throws Exception {
        byte[][] heads = new byte[devices][];
        for (int d = 0; d < devices; d++) {
            heads[d] = Reading.genesisHash();
        }
        long previousSize = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl); TiledLog tiles = TiledLog.open(tilesDir);
             PreparedStatement checkpoint = c.prepareStatement("INSERT INTO log_checkpoints (tree_size, root, contract_address, tx_hash,"
                     + " block_number, signed_note, previous_size, proof) VALUES (?, ?, '0x0', '0x0', 0, ?, ?, ?)")) {
            LogIndex index = new LogIndex(c);
            List<IndexedReading> committed = new ArrayList<>();
            long leaf = 0;
            for (long poll = 0; poll < polls; poll++) {
                for (int g = 0; g < fleet.gateways(); g++) {
                    int first = g * perGateway;
                    List<byte[]> wires = fleet.poll(g, poll, heads);
                    for (int i = 0; i < wires.size(); i++) {
                        int d = first + i;
                        tiles.append(wires.get(i));
                        committed.add(new IndexedReading(leaf, SyntheticFleetLog.deviceId(d), poll, fleet.timestampOf(poll),
                                fleet.registerAt(poll)));
                        leaf++;
                    }
                }
                boolean dayEnds = poll >= 1 && poll % pollsPerDay == 0;
                if (poll % 64 == 63 || dayEnds || poll == polls - 1) {
                    tiles.commit();   // entries held in memory stay bounded; checkpoints are daily
                    index.record(committed);
                    committed.clear();
                }
                if (dayEnds || poll == polls - 1) {
                    byte[] root = tiles.root(leaf);
                    checkpoint.setLong(1, leaf);
                    checkpoint.setBytes(2, root);
                    checkpoint.setString(3, SignedNote.sign(new Checkpoint(ORIGIN, leaf, root).noteText(), logKey));
                    checkpoint.setLong(4, previousSize);
                    checkpoint.setBytes(5, new byte[0]);
                    checkpoint.addBatch();
                    previousSize = leaf;
                }
            }
            checkpoint.executeBatch();
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Whether a device's reading at a poll is voided: one in --flag-every, away from the period's ends. */
    private boolean voided(int device, long poll) {
        return poll >= 2 && poll <= days * (86_400L / readingSeconds) - 1 && Math.floorMod(device * 7_919L + poll, flagEvery) == 0;
    }

    /** The claim the service would make: each meter's register delta, its voided readings' two steps excluded. */
    private MonitoringClaim claim(SyntheticFleetLog fleet, long lastInPeriod, Instant to) {
        Map<String, Long> energy = new TreeMap<>();
        Map<String, List<Long>> voided = new TreeMap<>();
        long total = 0;
        long excluded = 0;
        long stepWh = fleet.registerAt(1) - fleet.registerAt(0);
        for (int d = 0; d < devices; d++) {
            long wh = fleet.registerAt(lastInPeriod) - fleet.registerAt(1);
            energy.put(SyntheticFleetLog.deviceId(d), wh);
            total += wh;
            List<Long> sequences = new ArrayList<>();
            for (long poll = 2; poll < lastInPeriod; poll++) {
                if (voided(d, poll)) {
                    sequences.add(poll);
                    excluded += 2 * stepWh;
                }
            }
            voided.put(SyntheticFleetLog.deviceId(d), sequences);
        }
        BigDecimal factor = new BigDecimal("0.5");
        BigDecimal tonnes = JcmSolarPv.tonnes(JcmSolarPv.creditedEnergyWh(total, excluded), factor);
        return new MonitoringClaim("bench", FROM, to, factor, energy, voided, total, excluded, tonnes, JcmSolarPv.credits(tonnes),
                null, "TH_AM001 Ver1.0");
    }

    /** The heap used at its highest, sampled while a step runs. */
    private static final class HeapPeak {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        HeapPeak() {
            System.gc();
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peak");
            sampler.setDaemon(true);
            sampler.start();
        }

        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return peak.get();
        }
    }
}
