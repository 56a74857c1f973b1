package io.solarmrv.edge;

import io.solarmrv.attestation.ReadingBundle;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Sends stored readings to the pipeline's CoAP ingest (Eclipse Californium): a confirmable
 * {@code POST /readings} over DTLS 1.2 with this gateway's pre-shared key (Scandium), one reading
 * alone or several as one {@link ReadingBundle}. Only {@code 2.04 Changed} (the ingest has handed
 * the message to its broker) counts as taken; no answer, {@code 5.03} or any other code throws, so
 * the readings stay in the store and are sent again (the pipeline drops copies by device and
 * sequence). A plain {@code coap://} URI sends without DTLS, for loopback development only.
 */
public final class CoapUpstream implements Upstream {
    private static final long TIMEOUT_MILLIS = 10_000;

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapClient client;
    private final String uri;

    /**
     * @param uri         {@code coaps://host:port/readings} (or {@code coap://} on loopback)
     * @param pskIdentity the gateway's identity at the ingest (with coaps)
     * @param psk         the gateway's pre-shared key (with coaps)
     */
    public CoapUpstream(String uri, String pskIdentity, byte[] psk) {
        this.uri = uri;
        Configuration config = Configuration.createStandardWithoutFile();
        CoapEndpoint.Builder endpoint = new CoapEndpoint.Builder().setConfiguration(config);
        if (URI.create(uri).getScheme().equals("coaps")) {
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    .setAdvancedPskStore(new AdvancedSinglePskStore(pskIdentity, psk))
                    .build();
            endpoint.setConnector(new DTLSConnector(dtls));
        }
        this.client = new CoapClient(uri);
        client.setEndpoint(endpoint.build());
        client.setTimeout(TIMEOUT_MILLIS);
    }

    @Override
    public void publishStored(List<byte[]> storedReadings) throws IOException {
        byte[] payload = storedReadings.size() == 1 ? storedReadings.get(0) : ReadingBundle.pack(storedReadings);
        CoapResponse response;
        try {
            response = client.post(payload, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        } catch (ConnectorException e) {
            throw new IOException("CoAP POST to " + uri + " failed: " + e.getMessage(), e);
        }
        if (response == null) {
            throw new IOException("no answer from " + uri + " within " + TIMEOUT_MILLIS + " ms (down, or the DTLS handshake failed)");
        }
        if (response.getCode() != ResponseCode.CHANGED) {
            throw new IOException(uri + " answered " + response.getCode() + " " + response.getResponseText()
                    + "; the readings stay in the store");
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
