package io.solarmrv.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The creation service in its own JVM (its Micronaut/Netty stack stays apart from Flink's and
 * HiveMQ's), started from the built module: {@code creation-service/target/classes} plus its
 * runtime classpath file, found under the repository root.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServiceProcess start(Path repositoryRoot, String jdbcUrl, Path logFile) throws IOException, InterruptedException {
        Path module = repositoryRoot.resolve("creation-service/target");
        Path classpathFile = module.resolve("runtime-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IOException("creation-service is not built (" + classpathFile + " is missing): run mvn -DskipTests install");
        }
        String classpath = module.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).strip();
        int port = FreePort.pick();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, "io.solarmrv.creation.Application"))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("MRV_JDBC_URL", jdbcUrl);
        builder.environment().put("MRV_SERVICE_PORT", Integer.toString(port));
        ServiceProcess service = new ServiceProcess(builder.start(), port);
        service.awaitHealthy(Duration.ofSeconds(60), logFile);
        return service;
    }

    private void awaitHealthy(Duration timeout, Path logFile) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("creation service exited with code " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("creation service did not become healthy within " + timeout + "; see " + logFile);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
