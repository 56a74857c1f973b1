package io.solarmrv.edge;

import com.sun.net.httpserver.HttpServer;
import io.solarmrv.edge.store.Forwarder;
import io.solarmrv.edge.store.ReadingStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /health} on 127.0.0.1: the agent's counters as JSON (readings stored, refused, sent,
 * pending, store bytes, failed polls, last forwarding error, and per device its consecutive failures
 * and last error). For the operator's monitoring; never exposed beyond loopback.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    public HealthServer(int port, EdgeAgent agent, ReadingStore store, Forwarder forwarder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/health", exchange -> {
            byte[] body = json(agent, store, forwarder).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    static String json(EdgeAgent agent, ReadingStore store, Forwarder forwarder) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"readingsStored\":").append(agent.storedCount())
                .append(",\"readingsRefused\":").append(agent.refusedCount())
                .append(",\"failedPolls\":").append(agent.failedPollCount())
                .append(",\"readingsSent\":").append(forwarder.sentCount())
                .append(",\"readingsPending\":").append(store.pending())
                .append(",\"storeBytes\":").append(store.storedBytes())
                .append(",\"lastForwardError\":").append(quote(forwarder.lastError()))
                .append(",\"devices\":{");
        boolean first = true;
        for (Map.Entry<String, DeviceHealth.Status> device : agent.deviceStatus().entrySet()) {
            json.append(first ? "" : ",").append(quote(device.getKey())).append(":{\"consecutiveFailures\":")
                    .append(device.getValue().consecutiveFailures()).append(",\"lastError\":")
                    .append(quote(device.getValue().lastError())).append('}');
            first = false;
        }
        return json.append("}}").toString();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
