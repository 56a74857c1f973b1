package io.solarmrv.jobs.coap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes a message at QoS 1 and completes when the broker has acknowledged it (PUBACK), or
 * exceptionally when it is not connected, refuses the message, or does not answer in time. Paho
 * reconnects by itself; while it is away, every hand-off fails at once.
 */
final class BrokerHandoff implements AutoCloseable {
    private final MqttAsyncClient client;
    private final long timeoutMillis;

    private BrokerHandoff(MqttAsyncClient client, long timeoutMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
    }

    static BrokerHandoff connect(String brokerUri, long timeoutMillis) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, "mrv-coap-ingest-" + Long.toHexString(System.nanoTime()),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 10);
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(timeoutMillis);
        return new BrokerHandoff(client, timeoutMillis);
    }

    CompletableFuture<Void> publish(String topic, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (token.getReasonCodes() != null && token.getReasonCodes().length > 0 && token.getReasonCodes()[0] >= 0x80) {
                        done.completeExceptionally(new MqttException(token.getReasonCodes()[0]));
                    } else {
                        done.complete(null);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    done.completeExceptionally(exception);
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing: nothing more to hand off
        }
    }
}
