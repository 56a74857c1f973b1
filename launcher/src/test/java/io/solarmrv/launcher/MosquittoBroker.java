package io.solarmrv.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto broker process on 127.0.0.1 (Debian's mosquitto, installed by .ci/run). */
final class MosquittoBroker implements AutoCloseable {
    private final Process process;
    private final int port;

    private MosquittoBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static MosquittoBroker start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, "allow_anonymous true\n");
    }

    /** With {@code access}: the configuration lines that say who may connect and do what. */
    static MosquittoBroker start(Path workDir, String access) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/mosquitto");
        if (!Files.isExecutable(binary)) {
            throw new IOException("mosquitto is not installed (apt-get install mosquitto; .ci/run does this)");
        }
        int port = FreePort.pick();
        Path config = workDir.resolve("mosquitto.conf");
        Files.writeString(config, """
                listener %d 127.0.0.1
                persistence false
                max_queued_messages 1000000
                max_inflight_messages 0
                """.formatted(port) + access);
        Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("mosquitto.log").toFile()).start();
        MosquittoBroker broker = new MosquittoBroker(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + workDir.resolve("mosquitto.log"));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return broker;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        broker.close();
        throw new IOException("mosquitto did not listen on " + port);
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
