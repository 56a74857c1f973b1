package io.solarmrv.edge;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.ReadingSigner;
import io.solarmrv.attestation.SignedBatch;
import io.solarmrv.attestation.SignedReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each device on a fixed interval of the given clock, turns each measurement into a signed,
 * chained reading and publishes it. A device that fails to answer is logged and retried at its
 * next poll; it never stops the others.
 */
public final class EdgeAgent {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeAgent.class);

    private final Clock clock;
    private final Duration pollInterval;
    private final Duration idleSleep;
    private final MqttUpstream upstream;
    private final ClockSync clockSync;
    private final ReadingSigner key;
    private final String gatewayId;
    private final boolean batchPerPoll;
    private final List<PolledDevice> devices = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();

    private record PolledDevice(DeviceEndpoint endpoint, SunSpecModbusReader reader, ReadingChain chain) {
    }

    /**
     * @param clockSync    how {@code clock} is synchronised (recorded in every reading)
     * @param pollInterval time between polls, on {@code clock}
     * @param idleSleep    wall time to sleep between looks at the clock (small for accelerated clocks)
     * @param batchPerPoll sign each poll's readings of all devices as one batch envelope
     */
    public EdgeAgent(Clock clock, ClockSync clockSync, Duration pollInterval, Duration idleSleep, ReadingSigner key,
                     List<DeviceEndpoint> endpoints, MqttUpstream upstream, boolean batchPerPoll) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
        }
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.idleSleep = idleSleep;
        this.upstream = upstream;
        this.clockSync = clockSync;
        this.key = key;
        this.batchPerPoll = batchPerPoll;
        this.gatewayId = "gateway-" + java.util.HexFormat.of().formatHex(ReadingSigner.keyId(key.publicKey()));
        for (DeviceEndpoint endpoint : endpoints) {
            devices.add(new PolledDevice(endpoint, new SunSpecModbusReader(endpoint, 2000),
                    new ReadingChain(endpoint.deviceId(), key)));
        }
    }

    /** Polls until the clock reaches {@code stopAt} (inclusive: a last poll happens at or after it) or the thread is interrupted. */
    public void runUntil(Instant stopAt) throws InterruptedException {
        Instant due = clock.instant();
        while (!Thread.currentThread().isInterrupted()) {
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
        throw new InterruptedException("agent interrupted");
    }

    private void pollAll(Instant now) throws InterruptedException {
        if (batchPerPoll) {
            pollAllAsOneBatch(now);
            return;
        }
        for (PolledDevice device : devices) {
            try {
                SunSpecModbusReader.Measurement m = device.reader().read();
                SignedReading signed = device.chain().next(now.toEpochMilli(), m.serialNumber(), m.energyRegisterWh(),
                        m.powerW(), clockSync);
                upstream.publish(signed);
                published.incrementAndGet();
            } catch (DeviceException e) {
                failedPolls.incrementAndGet();
                LOG.warn("poll failed: {}", e.getMessage());
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                failedPolls.incrementAndGet();
                LOG.warn("{}: publish failed (reading not stored; durable queue comes with issue 4): {}",
                        device.endpoint().deviceId(), e.toString());
            }
        }
    }

    /** Reads every device, signs all readings in one batch envelope and publishes it once. */
    private void pollAllAsOneBatch(Instant now) {
        List<Reading> readings = new ArrayList<>();
        List<PolledDevice> read = new ArrayList<>();
        for (PolledDevice device : devices) {
            try {
                SunSpecModbusReader.Measurement m = device.reader().read();
                readings.add(device.chain().reading(now.toEpochMilli(), m.serialNumber(), m.energyRegisterWh(), m.powerW(), clockSync));
                read.add(device);
            } catch (DeviceException e) {
                failedPolls.incrementAndGet();
                LOG.warn("poll failed: {}", e.getMessage());
            }
        }
        if (readings.isEmpty()) {
            return;
        }
        SignedBatch batch = SignedBatch.sign(readings, key);
        List<SignedReading> signed = batch.readings();
        for (int i = 0; i < read.size(); i++) {
            read.get(i).chain().advance(signed.get(i).readingHash());
        }
        try {
            upstream.publish(gatewayId, batch);
            published.addAndGet(readings.size());
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            failedPolls.addAndGet(readings.size());
            LOG.warn("batch of {} readings: publish failed (readings not stored; durable queue comes with issue 4): {}",
                    readings.size(), e.toString());
        }
    }

    public long publishedCount() {
        return published.get();
    }

    public long failedPollCount() {
        return failedPolls.get();
    }

    public void close() {
        devices.forEach(d -> d.reader().close());
    }
}
