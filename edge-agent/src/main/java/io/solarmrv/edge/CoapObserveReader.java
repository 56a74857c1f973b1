package io.solarmrv.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * Reads a meter that speaks CoAP (Eclipse Californium): observes its resource (RFC 7641) and keeps
 * the latest notification, a SenML-CBOR reading ({@link SenmlReading}). A read returns that
 * notification while it is fresher than {@code staleAfter}; a meter that has gone quiet is not
 * read from an old value: the read fails, naming how long it has been, and the observation is
 * started again, so the device's backoff ({@link DeviceHealth}) picks it up once it speaks again.
 */
public final class CoapObserveReader implements DeviceReader {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private record Notification(byte[] payload, Instant receivedAt) {
    }

    private final String deviceId;
    private final String uri;
    private final Duration staleAfter;
    private final Clock clock;
    private final AtomicReference<Notification> latest = new AtomicReference<>();
    private CoapClient client;
    private CoapObserveRelation relation;

    public CoapObserveReader(String deviceId, String uri, Duration staleAfter, Clock clock) {
        this.deviceId = deviceId;
        this.uri = uri;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Override
    public synchronized Measurement read() throws DeviceException {
        if (relation == null) {
            observe();
        }
        Notification last = latest.get();
        if (last == null) {
            throw new DeviceException(deviceId + ": no reading from " + uri + " yet (observing)");
        }
        Duration age = Duration.between(last.receivedAt(), clock.instant());
        if (age.compareTo(staleAfter) > 0) {
            stopObserving();
            throw new DeviceException(deviceId + ": the last notification from " + uri + " is " + age + " old (more than "
                    + staleAfter + "); observing again");
        }
        return SenmlReading.parse(deviceId, last.payload());
    }

    /** Starts the observation; its first answer (the current reading) arrives synchronously. */
    private void observe() throws DeviceException {
        client = new CoapClient(uri);
        client.setTimeout(2_000L);
        CoapResponse first;
        try {
            relation = client.observeAndWait(new CoapHandler() {
                @Override
                public void onLoad(CoapResponse response) {
                    if (response.getCode() == ResponseCode.CONTENT) {
                        latest.set(new Notification(response.getPayload(), clock.instant()));
                    }
                }

                @Override
                public void onError() {
                    // A lost notification: the next read sees the reading grow stale.
                }
            });
            first = relation.getCurrent();
        } catch (RuntimeException | org.eclipse.californium.elements.exception.ConnectorException | java.io.IOException e) {
            stopObserving();
            throw new DeviceException(deviceId + ": cannot observe " + uri + ": " + e.getMessage(), e);
        }
        if (first == null || relation.isCanceled()) {
            stopObserving();
            throw new DeviceException(deviceId + ": " + uri + " did not answer the observe request");
        }
        if (first.getCode() != ResponseCode.CONTENT) {
            stopObserving();
            throw new DeviceException(deviceId + ": " + uri + " answered " + first.getCode());
        }
        latest.set(new Notification(first.getPayload(), clock.instant()));
    }

    private void stopObserving() {
        if (relation != null) {
            relation.proactiveCancel();
            relation = null;
        }
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        stopObserving();
    }
}
