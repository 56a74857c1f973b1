package io.solarmrv.creation.period;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.attestation.methodology.VoidingRules;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.bundle.ProofBundleExporter;
import io.solarmrv.bundle.ProofBundleJson;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.ResultsRepository;
import io.solarmrv.creation.registry.MeterReplacement;
import io.solarmrv.creation.registry.Registry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A period's proof bundle for {@code mrv verify}: the submitted claim (version 1, whose hash is on
 * chain), the registry's key and meter lines for its devices, the log's checkpoints, the readings
 * its figures rest on and {@code mrv.bundle.sample-days} (default 10) whole device-days drawn from a
 * recorded seed (or every reading of the period), each with its inclusion proof, and where it all is on chain. The log's verifier key is a
 * setting ({@code MRV_LOG_VERIFIER_KEY}): the service does not hold the log's signing key.
 */
@Singleton
public class BundleService {
    private final PeriodWorkflow workflow;
    private final Registry registry;
    private final DataSource dataSource;
    private final String logVerifierKey;
    private final AnchoredLog log;

    private final int sampleDays;
    private final long maxCompleteReadings;
    private final ResultsRepository results;

    public BundleService(PeriodWorkflow workflow, Registry registry, DataSource dataSource,
                         @Value("${mrv.log.verifier-key:}") String logVerifierKey, AnchoredLog log,
                         @Value("${mrv.bundle.sample-days:10}") int sampleDays,
                         @Value("${mrv.bundle.max-complete-readings:50000}") long maxCompleteReadings, ResultsRepository results) {
        if (sampleDays < 0) {
            throw new IllegalArgumentException("mrv.bundle.sample-days (MRV_BUNDLE_SAMPLE_DAYS) cannot be negative: " + sampleDays);
        }
        this.sampleDays = sampleDays;
        this.maxCompleteReadings = maxCompleteReadings;
        this.results = results;
        this.log = log;
        this.workflow = workflow;
        this.registry = registry;
        this.dataSource = dataSource;
        this.logVerifierKey = logVerifierKey;
    }

    /**
     * The bundle as JSON bytes (format {@value ProofBundle#FORMAT}).
     *
     * @param everyReading every reading of the period, else the bounds and {@code mrv.bundle.sample-days} device-days
     */
    public void write(String projectId, int number, boolean everyReading, java.io.OutputStream out) throws SQLException, IOException {
        if (logVerifierKey.isEmpty()) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "no log verifier key is configured: set MRV_LOG_VERIFIER_KEY to the Merkle log's C2SP verifier key");
        }
        PeriodLedger chain = workflow.chain();
        MonitoringPeriod period = workflow.find(projectId, number);
        MonitoringReport submitted = workflow.storedReport(projectId, number, 1);
        MonitoringClaim claim = submitted.claim();
        StringBuilder keys = new StringBuilder();
        // The voiding rules as the registry's quality profiles give them to the job: each generation
        // meter's registered nameplate, the default thresholds (docs/QUALITY.md). A site meter's export
        // and a battery's registers are taken in full, flagged or not, so no rule voids their readings.
        java.util.Map<String, VoidingRules> voidingRules = new java.util.TreeMap<>();
        for (String meter : claim.energyWh().keySet()) {
            registry.device(meter).map(record -> record.device().nameplateW()).filter(w -> w != null && w > 0)
                    .ifPresent(w -> voidingRules.put(meter, VoidingRules.defaults(w)));
        }
        for (String deviceId : new TreeSet<>(submitted.deviceIds())) {
            registry.device(deviceId).ifPresent(record -> {
                record.keys().forEach(line -> keys.append(line).append('\n'));
                MeterReplacement.meters(deviceId, record.device().meterSerial(), record.meterReplacements())
                        .forEach(meter -> keys.append(meter.line()).append('\n'));
            });
        }
        if (everyReading) {
            long readings = 0;
            for (String deviceId : submitted.deviceIds()) {
                readings += results.readingCount(deviceId, claim.from(), claim.to());
            }
            if (readings > maxCompleteReadings) {
                // Built in memory and ~2 KB a reading: beyond this, the bounds and samples are the period's evidence.
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "the period holds " + readings + " readings, more than the "
                        + maxCompleteReadings + " a bundle of every reading is built for (MRV_BUNDLE_MAX_COMPLETE_READINGS): ask"
                        + " without readings=all for its bounds and sampled device-days, and for any other reading with"
                        + " mrv verify --log");
            }
        }
        ProofBundle bundle;
        long anchored = log.latest().map(AnchoredLog.LatestCheckpoint::treeSize).orElse(0L);
        try (Connection c = dataSource.getConnection(); AnchoredLog.Proofs proofs = log.proofs(anchored)) {
            bundle = ProofBundleExporter.export(c, claim, keys.toString(), logVerifierKey, chain.anchor(period.chainPeriodId()),
                    submitted.calibrations(), proofs.log(), anchored, everyReading ? ProofBundleExporter.Wanted.everyReading()
                            : ProofBundleExporter.Wanted.boundsAndSamples(sampleDays, voidingRules));
        }
        ProofBundleJson.write(bundle, out);
    }
}
