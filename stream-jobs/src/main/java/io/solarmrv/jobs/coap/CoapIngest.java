package io.solarmrv.jobs.coap;

import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CoAP endpoint (Eclipse Californium; DTLS 1.2 with pre-shared keys by Scandium) that takes signed
 * readings POSTed by devices and gateways to {@code /readings} and hands each message to the MQTT
 * broker the readings job consumes from, with the guarantees of MQTT QoS 1: the device gets
 * {@code 2.04 Changed} only once the broker has acknowledged the message, so a device that gets no
 * answer, or {@code 5.03}, keeps the message and sends it again (the job drops the second copy by
 * (device, sequence)). A message that is not a signed reading, batch or bundle gets {@code 4.00}
 * with the reason, and is counted.
 */
public final class CoapIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoapIngest.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final ReadingsResource readings;

    private CoapIngest(CoapServer server, CoapEndpoint endpoint, ReadingsResource readings) {
        this.server = server;
        this.endpoint = endpoint;
        this.readings = readings;
    }

    public static CoapIngest start(CoapIngestConfig config) throws MqttException {
        Configuration coap = Configuration.createStandardWithoutFile();
        coap.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.maxMessageBytes());
        CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(coap);
        if (config.dtls()) {
            AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
            config.pskByIdentity().forEach(keys::setKey);
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(coap)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                    .setAddress(config.bind())
                    .setAdvancedPskStore(keys)
                    .build();
            builder.setConnector(new DTLSConnector(dtls));
        } else {
            LOG.warn("CoAP ingest without DTLS on {}: for loopback development only", config.bind());
            builder.setInetSocketAddress(config.bind());
        }
        CoapEndpoint endpoint = builder.build();
        BrokerHandoff broker = BrokerHandoff.connect(config.brokerUri(), config.publishTimeoutMillis());
        ReadingsResource readings = new ReadingsResource(broker, config.topicPrefix(), config.maxMessageBytes());
        CoapServer server = new CoapServer(coap);
        server.addEndpoint(endpoint);
        server.add(readings);
        server.start();
        LOG.info("CoAP ingest listening on {}://{} ({} /readings -> {})", config.dtls() ? "coaps" : "coap",
                endpoint.getAddress(), config.dtls() ? config.pskByIdentity().size() + " DTLS identities," : "no DTLS,",
                config.brokerUri());
        return new CoapIngest(server, endpoint, readings);
    }

    /** Where the endpoint listens (the port is the bound one when 0 was asked for). */
    public InetSocketAddress address() {
        return endpoint.getAddress();
    }

    /** Messages the broker acknowledged. */
    public long accepted() {
        return readings.accepted.get();
    }

    /** Messages refused as malformed or too large (4.xx). */
    public long rejected() {
        return readings.rejected.get();
    }

    /** Messages answered 5.03 because the broker did not take them in time. */
    public long unavailable() {
        return readings.unavailable.get();
    }

    @Override
    public void close() {
        server.destroy();
        readings.broker.close();
    }
}
