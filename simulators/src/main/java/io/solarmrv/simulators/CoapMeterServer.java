package io.solarmrv.simulators;

import io.solarmrv.attestation.internal.cbor.CborWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A meter that speaks CoAP rather than Modbus (Eclipse Californium): {@code GET /meter} answers its
 * reading as SenML-CBOR (RFC 8428, content format 112), and the resource is observable (RFC 7641):
 * observers get a notification every {@code notifyEvery}. The reading is two SenML records, base
 * name {@code urn:dev:sn:<serial>:} and base time in Unix seconds: {@code energy} in Wh (the
 * cumulative register) and {@code power} in W.
 */
public final class CoapMeterServer implements AutoCloseable {
    /** SenML-CBOR's content format (RFC 8428). */
    public static final int SENML_CBOR = 112;

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "coap-meter-notifier");
        thread.setDaemon(true);
        return thread;
    });

    public CoapMeterServer(int port, InverterMeter meter, Duration notifyEvery) {
        Configuration config = Configuration.createStandardWithoutFile();
        endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port)).build();
        CoapResource resource = new CoapResource("meter") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.setMaxAge(Math.max(1, notifyEvery.toSeconds()));
                exchange.respond(CoAP.ResponseCode.CONTENT, senml(meter), SENML_CBOR);
            }
        };
        resource.setObservable(true);
        resource.setObserveType(CoAP.Type.CON);
        resource.getAttributes().setObservable();
        server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(resource);
        server.start();
        notifier.scheduleAtFixedRate(resource::changed, notifyEvery.toMillis(), notifyEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The meter's reading now as SenML-CBOR: [{bn, bt, n: energy, u: Wh, v}, {n: power, u: W, v}]. */
    static byte[] senml(InverterMeter meter) {
        SimulatedInverter.Snapshot now = meter.read();
        return new CborWriter().array(2)
                .map(5).integer(-2).text("urn:dev:sn:" + meter.serialNumber() + ":").integer(-3).integer(now.time().getEpochSecond())
                .integer(0).text("energy").integer(1).text("Wh").integer(2).integer(now.energyRegisterWh())
                .map(3).integer(0).text("power").integer(1).text("W").integer(2).integer(now.powerW())
                .toByteArray();
    }

    public int port() {
        return endpoint.getAddress().getPort();
    }

    @Override
    public void close() {
        notifier.shutdownNow();
        server.destroy();
    }
}
