package io.solarmrv.ledger;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.utils.Numeric;

/**
 * A local anvil chain node on 127.0.0.1, started from the project's pinned npm install
 * ({@code node_modules/.bin/anvil}, found by walking up from the working directory, or the path in
 * {@code MRV_ANVIL}). Stopping it kills the process.
 *
 * <p>Its pre-funded accounts come from a BIP-39 mnemonic drawn at random for each node, not from
 * anvil's published test mnemonic, so no account key is a constant anywhere: {@link #account(int)}
 * derives account {@code i} as anvil does ({@code m/44'/60'/0'/0/i}).
 */
public final class AnvilNode implements AutoCloseable {
    private static final int ACCOUNTS = 10;

    private final Process process;
    private final int port;
    private final Path stateFile;
    private final String mnemonic;
    private final HttpClient http = HttpClient.newHttpClient();

    private AnvilNode(Process process, int port, Path stateFile, String mnemonic) {
        this.process = process;
        this.port = port;
        this.stateFile = stateFile;
        this.mnemonic = mnemonic;
    }

    public static AnvilNode start() throws IOException, InterruptedException {
        return start(freePort());
    }

    public static AnvilNode start(int port) throws IOException, InterruptedException {
        return start(port, null);
    }

    /**
     * Starts anvil on a port; with a state file, the chain is loaded from it if it exists and
     * written to it every second and on a clean exit (so a restarted node keeps the chain, up to
     * the last second before a kill -9).
     */
    public static AnvilNode start(int port, Path stateFile) throws IOException, InterruptedException {
        byte[] entropy = new byte[16];
        new SecureRandom().nextBytes(entropy);
        return start(port, stateFile, MnemonicUtils.generateMnemonic(entropy));
    }

    /** After {@link #kill()}: the node again, on the same port, state file and accounts, as a restarted machine's. */
    public AnvilNode restart() throws IOException, InterruptedException {
        return start(port, stateFile, mnemonic);
    }

    private static AnvilNode start(int port, Path stateFile, String mnemonic) throws IOException, InterruptedException {
        Path anvil = locateBinary();
        List<String> command = new ArrayList<>(List.of(anvil.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--silent", "--accounts", Integer.toString(ACCOUNTS), "--mnemonic", mnemonic));
        if (stateFile != null) {
            command.addAll(List.of("--state", stateFile.toString(), "--state-interval", "1"));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        AnvilNode node = new AnvilNode(process, port, stateFile, mnemonic);
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

    /** Sends a JSON-RPC call (params as a JSON array text) and returns the raw JSON response. */
    public String rpc(String method, String paramsJson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IOException(method + " failed: " + response.body());
        }
        return response.body();
    }

    /** evm_snapshot: the id of a snapshot of the chain as it is now. */
    public String snapshot() throws IOException, InterruptedException {
        String body = rpc("evm_snapshot", "[]");
        return body.replaceAll(".*\"result\":\"([^\"]+)\".*", "$1");
    }

    /** evm_revert: the chain goes back to the snapshot, as a reorganisation would take blocks away. */
    public void revertTo(String snapshotId) throws IOException, InterruptedException {
        rpc("evm_revert", "[\"" + snapshotId + "\"]");
    }

    /** Moves the chain's clock forward and mines a block. */
    public void advanceTime(Duration duration) throws IOException, InterruptedException {
        rpc("evm_increaseTime", "[" + duration.toSeconds() + "]");
        rpc("evm_mine", "[]");
    }

    /** Kills the node the way a power cut would (SIGKILL), without letting it write its state. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public int port() {
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The first pre-funded account: the one that deploys and anchors unless a caller picks another. */
    public ChainConfig chain() {
        return account(0);
    }

    /** Pre-funded account {@code index} (0 to 9) of this node. */
    public ChainConfig account(int index) {
        if (index < 0 || index >= ACCOUNTS) {
            throw new IllegalArgumentException("anvil account " + index + " does not exist: there are " + ACCOUNTS);
        }
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
        int hardened = Bip32ECKeyPair.HARDENED_BIT;
        Bip32ECKeyPair account = Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | hardened, 60 | hardened, hardened, 0, index});
        return new ChainConfig(rpcUrl(), ChainConfig.ANVIL_CHAIN_ID, Numeric.toHexStringWithPrefixZeroPadded(account.getPrivateKey(), 64));
    }

    /** The address of pre-funded account {@code index}. */
    public String address(int index) {
        return Credentials.create(account(index).privateKeyHex()).getAddress();
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
