package io.solarmrv.launcher;

import io.solarmrv.simulators.MessageArrivals;
import io.solarmrv.simulators.SignedMessages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.edge.MqttUpstream;
import io.solarmrv.edge.TlsClientSettings;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's MQTT upstream over TLS to a real Mosquitto: it trusts the broker's certificate
 * authority from a PEM file (upstream.tls.ca-file), and without it the broker's certificate is
 * refused, so nothing is taken out of the store.
 */
class MqttTlsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private static Issued certificate(String subject, Issued issuer, boolean authority) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + subject);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer == null ? name
                : new X500Name(issuer.certificate().getSubjectX500Principal().getName()), new BigInteger(64, RANDOM),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (!authority) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer == null ? keys.getPrivate() : issuer.keys().getPrivate())));
        return new Issued(keys, certificate);
    }

    private static void pem(Path file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        }
        Files.writeString(file, text.toString());
    }

    @Test
    void theAgentTrustsTheBrokersAuthorityFromItsCaFileAndRefusesAnUnknownOne(@TempDir Path dir) throws Exception {
        Path binary = Path.of("/usr/sbin/mosquitto");
        if (!Files.isExecutable(binary)) {
            throw new IOException("mosquitto is not installed (apt-get install mosquitto; .ci/run does this)");
        }
        Issued ca = certificate("solar-mrv test CA", null, true);
        Issued server = certificate("localhost", ca, false);
        pem(dir.resolve("ca.pem"), ca.certificate());
        pem(dir.resolve("server.pem"), server.certificate());
        Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"      // PKCS#8, as OpenSSL reads it
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(server.keys().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        int tlsPort = FreePort.pick();
        int plainPort = FreePort.pick();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, """
                user root
                per_listener_settings false
                allow_anonymous true
                persistence false
                listener %d 127.0.0.1
                listener %d 127.0.0.1
                cafile %s
                certfile %s
                keyfile %s
                """.formatted(plainPort, tlsPort, dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key")));
        Process mosquitto = new ProcessBuilder(binary.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        try {
            awaitListening(mosquitto, tlsPort, dir);
            LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            MqttClient subscriber = new MqttClient("tcp://127.0.0.1:" + plainPort, "tls-test-sub", new MemoryPersistence());
            subscriber.setCallback(new MessageArrivals(message -> received.add(message.getPayload())));
            subscriber.connect();
            subscriber.subscribe("mrv/readings/#", 1);
            byte[] reading = SignedMessages.chained(GatewayKey.generate(RANDOM), List.of("inv-tls"), 1, 1).get(0).payload();
            String broker = "ssl://127.0.0.1:" + tlsPort;

            try (MqttUpstream trusting = new MqttUpstream(broker, "edge-tls", MqttUpstream.DEFAULT_TOPIC_PREFIX,
                    new TlsClientSettings(dir.resolve("ca.pem"), null, null).socketFactory())) {
                trusting.publishStored(List.of(reading));
            }
            assertArrayEquals(reading, received.poll(10, TimeUnit.SECONDS), "the reading crossed TLS to the broker");

            try (MqttUpstream untrusting = new MqttUpstream(broker, "edge-tls-2", MqttUpstream.DEFAULT_TOPIC_PREFIX)) {
                Exception refused = assertThrows(Exception.class, () -> untrusting.publishStored(List.of(reading)));
                boolean handshakeFailed = false;
                for (Throwable t = refused; t != null; t = t.getCause()) {
                    handshakeFailed |= t instanceof javax.net.ssl.SSLException;
                }
                assertTrue(handshakeFailed, "the broker's certificate is not trusted by default: " + refused);
            }
            assertTrue(received.poll(1, TimeUnit.SECONDS) == null, "nothing crossed without trust");
            subscriber.disconnect();
            subscriber.close();
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(Process process, int port, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + ": " + Files.readString(dir.resolve("mosquitto.log")));
    }
}
