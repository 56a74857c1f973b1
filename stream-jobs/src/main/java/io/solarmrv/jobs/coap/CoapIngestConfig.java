package io.solarmrv.jobs.coap;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Settings of the CoAP ingest endpoint.
 *
 * @param bind            where to listen (UDP); 5684 is the registered coaps port
 * @param pskByIdentity   DTLS pre-shared keys by PSK identity, one per gateway; empty means plain
 *                        CoAP without DTLS, for loopback development only
 * @param brokerUri       the MQTT broker the readings job consumes from
 * @param topicPrefix     readings are published to prefix + device id (the job subscribes to prefix + '+')
 * @param maxMessageBytes the largest accepted message (a batch of readings); larger ones get 4.13
 * @param publishTimeoutMillis how long to wait for the broker's acknowledgement before answering 5.03
 */
public record CoapIngestConfig(InetSocketAddress bind, Map<String, byte[]> pskByIdentity, String brokerUri,
                               String topicPrefix, int maxMessageBytes, long publishTimeoutMillis) {
    public CoapIngestConfig {
        pskByIdentity = Map.copyOf(pskByIdentity);
        for (Map.Entry<String, byte[]> e : pskByIdentity.entrySet()) {
            if (e.getValue().length < 16) {
                throw new IllegalArgumentException("CoAP ingest: the pre-shared key of identity '" + e.getKey()
                        + "' has " + e.getValue().length + " bytes; at least 16 are required");
            }
        }
        if (!topicPrefix.endsWith("/")) {
            throw new IllegalArgumentException("CoAP ingest: the topic prefix must end with '/', was '" + topicPrefix + "'");
        }
        if (maxMessageBytes < 256) {
            throw new IllegalArgumentException("CoAP ingest: max message bytes must be at least 256, was " + maxMessageBytes);
        }
        if (publishTimeoutMillis <= 0) {
            throw new IllegalArgumentException("CoAP ingest: the publish timeout must be positive");
        }
    }

    /** DTLS with the given keys, readings to {@code mrv/readings/<device>}, 64 KiB messages, 10 s to publish. */
    public static CoapIngestConfig dtls(InetSocketAddress bind, Map<String, byte[]> pskByIdentity, String brokerUri) {
        if (pskByIdentity.isEmpty()) {
            throw new IllegalArgumentException("CoAP ingest: DTLS needs at least one pre-shared key");
        }
        return new CoapIngestConfig(bind, pskByIdentity, brokerUri, "mrv/readings/", 65_536, 10_000);
    }

    public boolean dtls() {
        return !pskByIdentity.isEmpty();
    }

    @Override
    public String toString() {
        return "CoapIngestConfig[bind=" + bind + ", dtls identities=" + pskByIdentity.keySet() + ", broker=" + brokerUri
                + ", topics=" + topicPrefix + "<device>]";
    }
}
