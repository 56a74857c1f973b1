package io.solarmrv.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The creation service in its own JVM (its Micronaut/Netty stack stays apart from Flink's and
 * HiveMQ's), started from the built module: {@code creation-service/target/classes} plus its
 * runtime classpath file, found under the repository root. Each start has its own random JWT
 * secret and bootstrap administrator password; the launcher signs in as {@code admin} once.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private String adminJwt;
    private String adminPassword;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param environment further settings for the service, e.g. its chain ({@code MRV_CHAIN_RPC_URL}, ...) */
    public static ServiceProcess start(Path repositoryRoot, String jdbcUrl, Path logFile, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
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
        builder.environment().putAll(environment);
        builder.environment().put("MRV_JDBC_URL", jdbcUrl);
        builder.environment().put("MRV_SERVICE_PORT", Integer.toString(port));
        builder.environment().put("MRV_JWT_SECRET", randomSecret());
        String adminPassword = randomSecret();
        builder.environment().put("MRV_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        ServiceProcess service = new ServiceProcess(builder.start(), port);
        service.awaitHealthy(Duration.ofSeconds(60), logFile);
        service.adminPassword = adminPassword;
        service.adminJwt = service.signIn("admin", adminPassword);
        return service;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[33];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** Signs in at {@code POST /login} and returns the JWT. */
    public String signIn(String username, String password) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        String body = json.writeValueAsString(java.util.Map.of("username", username, "password", password));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("signing in as " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).get("access_token").asText();
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** A request to {@code path} signed in as the bootstrap administrator. */
    public HttpRequest.Builder asAdmin(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + adminJwt);
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
