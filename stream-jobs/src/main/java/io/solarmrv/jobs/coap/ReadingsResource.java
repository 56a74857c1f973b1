package io.solarmrv.jobs.coap;

import io.solarmrv.attestation.MalformedEvidenceException;
import io.solarmrv.attestation.SignedReading;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /readings}: the body is what an agent would publish over MQTT (one signed reading, a
 * signed batch, or a bundle). It is checked to be one of those (not verified: the job does that
 * against the registry), then handed to the broker; the answer follows the broker's.
 */
final class ReadingsResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingsResource.class);
    /** Seconds a device should wait before sending again after a 5.03. */
    private static final int RETRY_AFTER_SECONDS = 5;

    final BrokerHandoff broker;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    private final String topicPrefix;
    private final int maxMessageBytes;

    ReadingsResource(BrokerHandoff broker, String topicPrefix, int maxMessageBytes) {
        super("readings");
        this.broker = broker;
        this.topicPrefix = topicPrefix;
        this.maxMessageBytes = maxMessageBytes;
        getAttributes().setTitle("Signed readings: POST one reading, batch or bundle");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        byte[] message = exchange.getRequestPayload();
        if (message == null || message.length == 0) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "empty body: expected a signed reading, batch or bundle");
            return;
        }
        if (message.length > maxMessageBytes) {
            refuse(exchange, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "message of " + message.length + " bytes; at most "
                    + maxMessageBytes);
            return;
        }
        String deviceId;
        try {
            List<SignedReading> readings = SignedReading.unpack(message);
            deviceId = readings.get(0).reading().deviceId();
        } catch (MalformedEvidenceException | IndexOutOfBoundsException e) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "not a signed reading, batch or bundle: " + e.getMessage());
            return;
        }
        if (deviceId.isEmpty() || deviceId.contains("/") || deviceId.contains("+") || deviceId.contains("#")) {
            refuse(exchange, ResponseCode.BAD_REQUEST, "device id '" + deviceId + "' cannot name an MQTT topic");
            return;
        }
        exchange.accept(); // the empty ACK now; the answer when the broker has answered
        broker.publish(topicPrefix + deviceId, message).whenComplete((ok, failure) -> {
            if (failure == null) {
                accepted.incrementAndGet();
                exchange.respond(ResponseCode.CHANGED);
            } else {
                unavailable.incrementAndGet();
                LOG.warn("{\"event\":\"coap_ingest_unavailable\",\"device\":\"{}\",\"from\":\"{}\",\"cause\":\"{}\"}",
                        deviceId, exchange.getSourceSocketAddress(), failure);
                exchange.setMaxAge(RETRY_AFTER_SECONDS);
                exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "the broker did not take the message; send it again");
            }
        });
    }

    private void refuse(CoapExchange exchange, ResponseCode code, String reason) {
        rejected.incrementAndGet();
        LOG.warn("{\"event\":\"coap_ingest_refused\",\"code\":\"{}\",\"from\":\"{}\",\"reason\":\"{}\"}", code,
                exchange.getSourceSocketAddress(), reason.replace("\"", "'"));
        exchange.respond(code, reason);
    }
}
