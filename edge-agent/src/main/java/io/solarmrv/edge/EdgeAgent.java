package io.solarmrv.edge;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingSigner;
import io.solarmrv.attestation.SignedBatch;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.edge.store.ChainHeads;
import io.solarmrv.edge.store.ReadingStore;
import io.solarmrv.edge.store.StoreFullException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each device on a fixed interval of the given clock, turns each measurement into a signed,
 * chained reading and appends it to the durable {@link ReadingStore}; a
 * {@link io.solarmrv.edge.store.Forwarder} publishes from there. A device that fails to answer is
 * logged and polled again next time; it never stops the others. Chains continue across restarts
 * from the store's chain heads.
 */
public final class EdgeAgent {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeAgent.class);

    private final Clock clock;
    private final ClockMonitor clockMonitor;
    private final Duration maxClockOffset;
    private final AtomicLong clockRefusals = new AtomicLong();
    private volatile boolean stopped;
    private final Duration pollInterval;
    private final Duration idleSleep;
    private final ReadingSigner key;
    private final ReadingStore store;
    private final boolean batchPerPoll;
    /**
     * Readings signed together at most, with batch signing: each reading carries its batch's
     * manifest (32 bytes per reading in the batch), so a poll of many devices is signed in groups
     * and a reading stays under 1 KB (125 devices in one batch made each 4 KB, and a forwarded
     * message outgrew the broker's 64 KiB packet limit).
     */
    static final int BATCH_READINGS = 16;
    private final List<PolledDevice> devices = new ArrayList<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private record PolledDevice(DeviceEndpoint endpoint, DeviceReader reader, ReadingChain chain, DeviceHealth health) {
    }

    /**
     * @param clockSync    how {@code clock} is synchronised (recorded in every reading)
     * @param pollInterval time between polls, on {@code clock}
     * @param idleSleep    wall time to sleep between looks at the clock (small for accelerated clocks)
     * @param batchPerPoll sign each poll's readings together, {@link #BATCH_READINGS} to an envelope
     */
    public EdgeAgent(Clock clock, ClockSync clockSync, Duration pollInterval, Duration idleSleep, ReadingSigner key,
                     List<DeviceEndpoint> endpoints, ReadingStore store, boolean batchPerPoll) {
        this(clock, ClockMonitor.declared(clockSync), Duration.ofDays(365), pollInterval, idleSleep, key, endpoints, store,
                batchPerPoll);
    }

    /**
     * @param clockMonitor   the clock's synchronisation and measured offset (recorded in every reading)
     * @param maxClockOffset while the measured offset is beyond this, the agent refuses to sign
     */
    public EdgeAgent(Clock clock, ClockMonitor clockMonitor, Duration maxClockOffset, Duration pollInterval,
                     Duration idleSleep, ReadingSigner key, List<DeviceEndpoint> endpoints, ReadingStore store,
                     boolean batchPerPoll) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
        }
        this.clock = clock;
        this.clockMonitor = clockMonitor;
        this.maxClockOffset = maxClockOffset;
        this.pollInterval = pollInterval;
        this.idleSleep = idleSleep;
        this.key = key;
        this.store = store;
        this.batchPerPoll = batchPerPoll;
        Map<String, ChainHeads.Head> heads = store.chainHeads();
        for (DeviceEndpoint endpoint : endpoints) {
            // A CoAP meter's notification is current for two poll intervals; after that it is stale.
            DeviceReader reader;
            if (endpoint instanceof DeviceEndpoint.Coap coap) {
                reader = new CoapObserveReader(coap.deviceId(), coap.uri(), pollInterval.multipliedBy(2), clock);
            } else if (endpoint instanceof DeviceEndpoint.EchonetLite echonet) {
                reader = EchonetLiteReader.open(echonet, 2000);
            } else {
                reader = new SunSpecModbusReader((DeviceEndpoint.Modbus) endpoint, 2000);
            }
            ChainHeads.Head head = heads.get(endpoint.deviceId());
            if (head != null && head.meterSerial() != null) {
                reader.resumeFrom(new DeviceReader.LastSigned(head.meterSerial(), head.energyRegisterWh(), head.exportRegisterWh()));
            }
            devices.add(new PolledDevice(endpoint, reader,
                    new ReadingChain(endpoint.deviceId(), key, heads.get(endpoint.deviceId())), new DeviceHealth(pollInterval)));
        }
    }

    /**
     * Polls until the clock reaches {@code stopAt} (inclusive: a last poll happens at or after it) or
     * {@link #stop} is called. Stop it with {@link #stop}, not by interrupting its thread: an interrupt
     * during a store write closes the store's file channel (Java NIO's interruptible channels).
     */
    public void runUntil(Instant stopAt) throws InterruptedException {
        Instant due = clock.instant();
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            if (!now.isBefore(due)) {
                pollAll(now);
                if (!now.isBefore(stopAt)) {
                    return;
                }
                while (!due.isAfter(now)) {
                    due = due.plus(pollInterval);
                }
                if (due.isAfter(stopAt)) {
                    due = stopAt;
                }
            }
            Thread.sleep(idleSleep.toMillis(), idleSleep.toNanosPart() % 1_000_000);
        }
        if (!stopped) {
            throw new InterruptedException("agent interrupted");
        }
    }

    /** Ends {@link #runUntil} after the poll in progress. */
    public void stop() {
        stopped = true;
    }

    private void pollAll(Instant now) {
        ClockMonitor.ClockStatus clockStatus = clockMonitor.status();
        if (clockStatus.known() && clockStatus.offset().abs().compareTo(maxClockOffset) > 0) {
            clockRefusals.incrementAndGet();
            LOG.error("the clock is off by {} (bound {}): not signing readings until it is corrected",
                    clockStatus.offset(), maxClockOffset);
            return;
        }
        List<Reading> readings = new ArrayList<>();
        List<PolledDevice> read = new ArrayList<>();
        for (PolledDevice device : devices) {
            if (!device.health().due(now)) {
                continue;   // backing off a device that stopped answering; the others go on
            }
            try {
                Instant asked = clock.instant();
                DeviceReader.Measurement m = device.reader().read();
                Duration took = Duration.between(asked, clock.instant());
                if (took.compareTo(pollInterval) > 0) {
                    // A reply this late (a device or driver retrying in silence) carries values from an
                    // unknown moment: its timestamp would be wrong, so it is not evidence.
                    throw new DeviceException(device.endpoint().deviceId() + ": answered after " + took
                            + ", longer than the poll interval; reading discarded");
                }
                // The device sampled its registers somewhere between the request and the reply: the
                // midpoint is never further than half the round trip from that moment.
                readings.add(readingOf(device, asked.plus(took.dividedBy(2)), m, clockStatus));
                read.add(device);
                if (device.health().succeeded()) {
                    LOG.atInfo().addKeyValue("device", device.endpoint().deviceId())
                            .log("{} answers again", device.endpoint().deviceId());
                }
            } catch (DeviceException e) {
                failedPolls.incrementAndGet();
                Duration wait = device.health().failed(now, e.getMessage());
                LOG.atWarn().addKeyValue("device", device.endpoint().deviceId()).addKeyValue("retryIn", wait)
                        .addKeyValue("error", e.getMessage())
                        .log("poll failed (next attempt in {}): {}", wait, e.getMessage());
            }
        }
        if (readings.isEmpty()) {
            return;
        }
        List<SignedReading> signed = new java.util.ArrayList<>();
        for (int from = 0; from < readings.size(); from += batchPerPoll ? BATCH_READINGS : 1) {
            List<Reading> group = readings.subList(from, Math.min(readings.size(), from + (batchPerPoll ? BATCH_READINGS : 1)));
            signed.addAll(batchPerPoll ? SignedBatch.sign(group, key).readings() : List.of(SignedReading.sign(group.get(0), key)));
        }
        for (int i = 0; i < signed.size(); i++) {
            String device = read.get(i).endpoint().deviceId();
            try {
                store.append(signed.get(i).toWire());
                read.get(i).chain().advance(signed.get(i).readingHash());
                stored.incrementAndGet();
            } catch (StoreFullException e) {
                refused.incrementAndGet();
                LOG.error("{}: reading refused: {}", device, e.getMessage());
            } catch (IOException e) {
                refused.incrementAndGet();
                LOG.error("{}: reading could not be stored: {}", device, e.toString());
            }
        }
    }

    /**
     * The device's next reading of {@code m}; a value no reading may hold (a negative register, an
     * empty serial) is that device's error, never the agent's.
     */
    private static Reading readingOf(PolledDevice device, Instant sampled, DeviceReader.Measurement m, ClockMonitor.ClockStatus clock)
            throws DeviceException {
        try {
            return device.chain().reading(sampled.toEpochMilli(), m.serialNumber(), m.energyRegisterWh(), m.exportRegisterWh(),
                    m.powerW(), clock.sync(), clock.offset().toMillis());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(device.endpoint().deviceId() + ": reported a value no reading may hold (energy "
                    + m.energyRegisterWh() + " Wh, export " + m.exportRegisterWh() + " Wh): " + e.getMessage() + "; reading discarded");
        }
    }

    /** Readings signed and durably stored. */
    public long storedCount() {
        return stored.get();
    }

    public long failedPollCount() {
        return failedPolls.get();
    }

    /** Polls skipped because the clock was known to be wrong by more than the bound. */
    public long clockRefusalCount() {
        return clockRefusals.get();
    }

    /** Readings refused because the store was full or failed. */
    public long refusedCount() {
        return refused.get();
    }

    /** Per device: consecutive failures and the last error, for the health endpoint. */
    public java.util.Map<String, DeviceHealth.Status> deviceStatus() {
        java.util.Map<String, DeviceHealth.Status> status = new java.util.LinkedHashMap<>();
        devices.forEach(d -> status.put(d.endpoint().deviceId(), d.health().status()));
        return status;
    }

    public void close() {
        devices.forEach(d -> d.reader().close());
    }
}
