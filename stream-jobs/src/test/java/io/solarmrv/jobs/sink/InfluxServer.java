package io.solarmrv.jobs.sink;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real InfluxDB 1.x server (Debian's {@code influxdb} package, {@code /usr/bin/influxd}, or the
 * binary in {@code MRV_INFLUXD}) on 127.0.0.1 with its data in a directory of the test's.
 */
final class InfluxServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private InfluxServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static InfluxServer start(Path dir) throws IOException, InterruptedException {
        String configured = System.getenv("MRV_INFLUXD");
        Path binary = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/influxd");
        if (!Files.isExecutable(binary)) {
            throw new IOException("influxd not found at " + binary + ": install Debian's 'influxdb' package"
                    + " (.ci/run does) or set MRV_INFLUXD");
        }
        int port = freePort();
        int rpcPort = freePort();
        Path config = dir.resolve("influxdb.conf");
        Files.writeString(config, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [monitor]
                  store-enabled = false
                [continuous_queries]
                  enabled = false
                """.formatted(rpcPort, dir, dir, dir, port));
        Process process = new ProcessBuilder(binary.toString(), "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
        InfluxServer server = new InfluxServer(process, port);
        server.awaitPing(Duration.ofSeconds(30));
        return server;
    }

    private void awaitPing(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("influxd exited with " + process.exitValue());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("influxd did not answer /ping within " + timeout);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
