package io.solarmrv.ledger;

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
 * A local anvil chain node on 127.0.0.1, started from the project's pinned npm install
 * ({@code node_modules/.bin/anvil}, found by walking up from the working directory, or the path in
 * {@code MRV_ANVIL}). Stopping it kills the process.
 */
public final class AnvilNode implements AutoCloseable {
    private final Process process;
    private final int port;

    private AnvilNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static AnvilNode start() throws IOException, InterruptedException {
        return start(freePort());
    }

    public static AnvilNode start(int port) throws IOException, InterruptedException {
        Path anvil = locateBinary();
        Process process = new ProcessBuilder(anvil.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--silent")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        AnvilNode node = new AnvilNode(process, port);
        node.awaitReady(Duration.ofSeconds(30));
        return node;
    }

    static Path locateBinary() throws IOException {
        String configured = System.getenv("MRV_ANVIL");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            // Prefer the platform binary itself: the .bin entry is a node wrapper that starts it as a child.
            Path binary = dir.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
            if (Files.isExecutable(binary)) {
                return binary;
            }
            Path wrapper = dir.resolve("node_modules/.bin/anvil");
            if (Files.isExecutable(wrapper)) {
                return wrapper;
            }
        }
        throw new IOException("anvil not found: run 'npm install' at the repository root (it installs the pinned "
                + "@foundry-rs/anvil into node_modules) or set MRV_ANVIL to an anvil binary");
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("anvil exited with code " + process.exitValue() + " on port " + port);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IOException("anvil did not answer on " + rpcUrl() + " within " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ChainConfig chain() {
        return ChainConfig.anvil(rpcUrl());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
