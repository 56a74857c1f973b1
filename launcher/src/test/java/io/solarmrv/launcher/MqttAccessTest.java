package io.solarmrv.launcher;

import io.solarmrv.simulators.MessageArrivals;
import io.solarmrv.simulators.SignedMessages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.edge.MqttUpstream;
import io.solarmrv.jobs.mqtt.MqttSessions;
import io.solarmrv.jobs.mqtt.MqttSourceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as docs/SECURITY.md configures it, on a real Mosquitto and on the embedded HiveMQ the
 * demo runs: no anonymous clients; each gateway signs in ({@code upstream.username}, {@code
 * upstream.password-file}) and may publish only its own devices' topics; only the job's account may
 * subscribe; a message above the broker's maximum packet size goes nowhere.
 */
class MqttAccessTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static MqttConnectionOptions login(String user, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        return options;
    }

    @Test
    void onTheEmbeddedBrokerGatewaysPublishOnlyTheirOwnTopicsAndOnlyTheJobReads(@TempDir Path dir) throws Exception {
        BrokerAccounts accounts = new BrokerAccounts(List.of(
                BrokerAccounts.gateway("gw-1", "gateway one's password", "mrv/readings", List.of("inv-1")),
                BrokerAccounts.gateway("gw-2", "gateway two's password", "mrv/readings", List.of("inv-2")),
                BrokerAccounts.job("mrv-job", "the job's password", "mrv/readings")));
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("hivemq"), FreePort.pick(), accounts)) {
            MqttClient wrongPassword = new MqttClient(broker.uri(), "guesser", new MemoryPersistence());
            assertThrows(MqttException.class, () -> wrongPassword.connect(login("gw-1", "a guess")), "a wrong password");
            wrongPassword.close();
            eachAccountIsHeldToItsTopics(broker.uri(), dir);
        }
    }

    @Test
    void onMosquittoGatewaysPublishOnlyTheirOwnTopicsAndOnlyTheJobReads(@TempDir Path dir) throws Exception {
        Path passwords = dir.resolve("passwords");
        for (String[] account : new String[][] {{"gw-1", "gateway one's password"}, {"gw-2", "gateway two's password"},
            {"mrv-job", "the job's password"}}) {
            if (!Files.exists(passwords)) {
                Files.createFile(passwords);
            }
            Process add = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", passwords.toString(), account[0], account[1])
                    .redirectErrorStream(true).start();
            assertTrue(add.waitFor(10, TimeUnit.SECONDS) && add.exitValue() == 0, new String(add.getInputStream().readAllBytes()));
        }
        Path acl = Files.writeString(dir.resolve("acl"), """
                user gw-1
                topic write mrv/readings/inv-1
                user gw-2
                topic write mrv/readings/inv-2
                user mrv-job
                topic read mrv/readings/#
                """);
        // user root: run as root (as CI does), Mosquitto would drop to its own user, which cannot read the test's
        // owner-only temporary directory; as any other user the line changes nothing.
        try (MosquittoBroker broker = MosquittoBroker.start(dir, """
                user root
                allow_anonymous false
                password_file %s
                acl_file %s
                max_packet_size 65536
                """.formatted(passwords, acl))) {
            eachAccountIsHeldToItsTopics(broker.uri(), dir);
        }
    }

    /** gw-1 writes inv-1, gw-2 writes inv-2, mrv-job reads: tried as a stranger, a forger, an oversized sender and a spy. */
    private static void eachAccountIsHeldToItsTopics(String uri, Path dir) throws Exception {
        {
            MqttClient anonymous = new MqttClient(uri, "stranger", new MemoryPersistence());
            assertThrows(MqttException.class, anonymous::connect, "no anonymous clients");
            anonymous.close();

            // The job's account provisions its session as the job does, and reads.
            MqttSourceConfig job = new MqttSourceConfig(uri, "mrv/readings/+", "acl-job", null)
                    .withLogin("mrv-job", "the job's password");
            MqttSessions.provision(job, 1);
            LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            MqttClient reader = new MqttClient(uri, "acl-job-0", new MemoryPersistence());
            reader.setCallback(new MessageArrivals(received::add));
            reader.connect(login("mrv-job", "the job's password"));
            reader.subscribe("mrv/readings/+", 1);

            // gw-2 tries to read; gw-1 tries to publish for inv-2, then something far too large, then for its own inv-1.
            LinkedBlockingQueue<MqttMessage> eavesdropped = new LinkedBlockingQueue<>();
            MqttClient spy = new MqttClient(uri, "gw-2-spy", new MemoryPersistence());
            spy.setCallback(new MessageArrivals(eavesdropped::add));
            spy.connect(login("gw-2", "gateway two's password"));
            try {
                spy.subscribe("mrv/readings/+", 1);
            } catch (MqttException refusedOutright) {
                // HiveMQ answers the denied subscription with a failure code; Mosquitto grants it and delivers nothing
            }
            MqttClient gateway = new MqttClient(uri, "gw-1-raw", new MemoryPersistence());
            gateway.connect(login("gw-1", "gateway one's password"));
            try {
                gateway.publish("mrv/readings/inv-2", "forged for another gateway's device".getBytes(StandardCharsets.UTF_8), 1, false);
            } catch (MqttException deniedOutright) {
                // Mosquitto may answer the denied publish with a reason code; either way it goes nowhere
            }
            assertThrows(MqttException.class, () -> gateway.publish("mrv/readings/inv-1", new byte[100_000], 1, false),
                    "above the broker's maximum packet size");
            if (gateway.isConnected()) {   // an oversized packet may have cost the client its connection
                gateway.disconnect();
            }
            gateway.close();

            byte[] reading = SignedMessages.chained(GatewayKey.generate(RANDOM), List.of("inv-1"), 1, 1).get(0).payload();
            Path passwordFile = Files.writeString(dir.resolve("gw-1.password"), "gateway one's password\n");
            try (MqttUpstream agent = new MqttUpstream(uri, "gw-1-agent", MqttUpstream.DEFAULT_TOPIC_PREFIX, null, "gw-1",
                    new io.solarmrv.edge.MqttLogin("gw-1", passwordFile).password())) {
                agent.publishStored(List.of(reading));
            }
            MqttMessage first = received.poll(10, TimeUnit.SECONDS);
            assertArrayEquals(reading, first == null ? null : first.getPayload(),
                    "the job gets the agent's reading first: the forged and the oversized messages went nowhere");
            assertNull(received.poll(1, TimeUnit.SECONDS), "and nothing after it");
            assertNull(eavesdropped.poll(1, TimeUnit.SECONDS), "a gateway's account reads nothing");
            if (spy.isConnected()) {
                spy.disconnect();
            }
            spy.close();
            reader.disconnect();
            reader.close();
        }
    }
}
