package io.solarmrv.jobs.verify;

import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.MalformedEvidenceException;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectReason;
import io.solarmrv.jobs.RejectedReading;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each message (one signed reading or a signed batch) and verifies each reading's signature
 * against the key registered for its device, valid at its time. Each reading continues with its own
 * wire form as its evidence envelope and the message's receipt time (its Flink timestamp).
 * Stateless, so it scales with parallelism. Failures go to the reject output with a reason. Given
 * the registry's file, each instance re-reads it every {@link #REGISTRY_REFRESH} ({@link
 * RegistryFileWatch}), so registrations and revocations apply without restarting the job.
 */
public final class DecodeAndVerifySignature extends ProcessFunction<byte[], AcceptedReading> {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeAndVerifySignature.class);
    /** How often a registry file is looked at again. */
    public static final java.time.Duration REGISTRY_REFRESH = java.time.Duration.ofSeconds(30);

    private final String registryText;
    private final String registryFile;
    private final java.time.Duration refresh;
    private final OutputTag<RejectedReading> rejects;
    private transient volatile DeviceRegistry registry;
    private transient RegistryFileWatch watch;
    private transient Counter rejected;

    /** Against {@code registryText}, for the job's life. */
    public DecodeAndVerifySignature(String registryText, OutputTag<RejectedReading> rejects) {
        this(registryText, null, REGISTRY_REFRESH, rejects);
    }

    /**
     * Against {@code registryText} (the file's text when the job was defined), then whatever {@code
     * registryFile} (null: none) holds, looked at every {@code refresh}.
     */
    public DecodeAndVerifySignature(String registryText, String registryFile, java.time.Duration refresh,
                                    OutputTag<RejectedReading> rejects) {
        this.registryText = registryText;
        this.registryFile = registryFile;
        this.refresh = refresh;
        this.rejects = rejects;
    }

    @Override
    public void open(OpenContext context) {
        registry = DeviceRegistry.parse(registryText, reason -> LOG.warn("{}: left out; that device's readings are rejected"
                + " until its key is registered again", reason));
        rejected = getRuntimeContext().getMetricGroup().counter("readingsRejectedAtSignature");
        if (registryFile != null) {
            watch = RegistryFileWatch.start(java.nio.file.Path.of(registryFile), registryText, refresh, changed -> registry = changed);
        }
    }

    @Override
    public void close() throws Exception {
        if (watch != null) {
            watch.close();
        }
        super.close();
    }

    @Override
    public void processElement(byte[] message, Context ctx, Collector<AcceptedReading> out) {
        List<SignedReading> readings;
        try {
            readings = SignedReading.unpack(message);
        } catch (MalformedEvidenceException e) {
            reject(ctx, new RejectedReading("", -1, RejectReason.MALFORMED.name(), e.getMessage(), message));
            return;
        }
        for (SignedReading signed : readings) {
            verify(signed, ctx, out);
        }
    }

    private void verify(SignedReading signed, Context ctx, Collector<AcceptedReading> out) {
        byte[] envelope = signed.toWire();
        Reading reading = signed.reading();
        Long received = ctx.timestamp();   // the source stamps each message with when it took it
        DeviceRegistry registry = this.registry;   // one registry for the whole reading, even if a refresh lands meanwhile
        DeviceRegistry.Verdict verdict = registry.verify(signed, received == null ? DeviceRegistry.RECEIVED_UNKNOWN : received);
        if (verdict != DeviceRegistry.Verdict.VALID) {
            RejectReason reason = RejectReason.valueOf(verdict.name());
            String detail = reading.deviceId() + " #" + reading.sequence() + ": " + reason.description();
            if (verdict == DeviceRegistry.Verdict.WRONG_METER) {
                detail += " (carries " + reading.meterSerial() + ", registered "
                        + registry.meterAt(reading.deviceId(), reading.sequence()).map(DeviceRegistry.MeterSerial::serial)
                        .orElse("none at this sequence") + ")";
            }
            reject(ctx, new RejectedReading(reading.deviceId(), reading.sequence(), reason.name(), detail, envelope));
            return;
        }
        out.collect(new AcceptedReading(reading.deviceId(), reading.sequence(), reading.timestampMillis(),
                reading.energyRegisterWh(), reading.powerW(), reading.previousHash(), signed.readingHash(), envelope,
                received == null ? AcceptedReading.RECEIVED_UNKNOWN : received));
    }

    private void reject(Context ctx, RejectedReading rejection) {
        rejected.inc();
        ctx.output(rejects, rejection);
    }
}
