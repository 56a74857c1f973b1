package io.solarmrv.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.launcher.ServiceProcess;
import io.solarmrv.results.ResultsSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mrv bench-api}: read latency of the creation service under many concurrent users. Starts
 * an embedded PostgreSQL and the service in its own JVM, onboards a project with {@code --devices}
 * devices through the API (timing the bulk onboarding), then drives each read endpoint with wrk
 * (Debian package {@code wrk}) from {@code --connections} connections, signed in with a JWT (and
 * once with an API token), and prints p50/p90/p99 and requests/s. wrk and the service share this
 * machine's cores.
 */
@Command(name = "bench-api", mixinStandardHelpOptions = true,
        description = "Creation service read latency (p50/p90/p99) under concurrent users, with wrk.")
final class ApiLatencyCommand implements Callable<Integer> {
    @Option(names = "--connections", defaultValue = "200", description = "Concurrent connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--duration", defaultValue = "20s", description = "wrk duration per endpoint (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--warmup", defaultValue = "5s", description = "Unmeasured wrk run per endpoint first, for the JIT (default: ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--devices", defaultValue = "1000", description = "Devices in the project (default: ${DEFAULT-VALUE})")
    int devices;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.err.println("mrv bench-api: needs wrk (apt install wrk)");
            return 2;
        }
        Path workDir = Files.createTempDirectory("mrv-bench-api");
        Path repositoryRoot = Path.of(System.getProperty("mrv.home", ".")).toAbsolutePath().normalize();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("postgres"))
                .setCleanDataDirectory(true).start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            ResultsSchema.apply(jdbcUrl);
            try (ServiceProcess service = ServiceProcess.start(repositoryRoot, jdbcUrl, workDir.resolve("creation-service.log"), Map.of())) {
                List<String> ids = IntStream.range(0, devices).mapToObj(i -> String.format("dev-%05d", i)).toList();
                long onboarding = onboard(service, ids);
                String jwt = service.signIn("admin", service.adminPassword());
                String token = send(service, "/tokens", "POST", "application/json",
                        json.writeValueAsString(Map.of("name", "bench-reader", "role", "AUDITOR"))).get("token").asText();
                System.out.printf("Bulk onboarding of %,d devices (POST /devices as CSV, then POST /devices/keys): %,d ms%n%n",
                        devices, onboarding);
                System.out.printf("%-34s %-6s %10s %10s %10s %12s%n", "GET (" + connections + " connections, " + duration + ")",
                        "auth", "p50 ms", "p90 ms", "p99 ms", "requests/s");
                List<String> paths = List.of("/me", "/projects/bench", "/projects/bench/devices?limit=100", "/devices/" + ids.get(ids.size() / 2),
                        "/projects/bench/cycle");
                for (String path : paths) {
                    wrk(service.baseUrl() + path, jwt, warmup);
                }
                wrk(service.baseUrl() + "/me", token, warmup);
                for (String path : paths) {
                    print(path, "JWT", wrk(service.baseUrl() + path, jwt, duration));
                }
                print("/me", "token", wrk(service.baseUrl() + "/me", token, duration));
            }
        }
        return 0;
    }

    /** Registers a site, the devices (CSV) and their keys (registration lines) and a project; returns the milliseconds taken. */
    private long onboard(ServiceProcess service, List<String> ids) throws IOException, InterruptedException {
        send(service, "/sites", "POST", "application/json", json.writeValueAsString(Map.of("id", "bench-site", "name", "Bench",
                "latitude", 35.0, "longitude", 139.0)));
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        String csv = "id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class\n" + ids.stream()
                .map(id -> id + ",bench-site,gw-" + id.substring(4, 7) + ",inverter,SN-" + id + ",5000,1").collect(Collectors.joining("\n"));
        String lines = ids.stream().map(id -> DeviceRegistry.registrationLine(id, key)).collect(Collectors.joining("\n"));
        long start = System.nanoTime();
        send(service, "/devices", "POST", "text/csv", csv);
        send(service, "/devices/keys", "POST", "text/plain", lines);
        long millis = (System.nanoTime() - start) / 1_000_000;
        send(service, "/projects", "POST", "application/json", json.writeValueAsString(Map.of("id", "bench", "name", "Bench PV",
                "methodology", "TH_AM001 Ver1.0", "emissionFactors", List.of(Map.of("tco2PerMwh", 0.5,
                        "effectiveFrom", "2015-01-01", "source", "benchmark value, from no document")), "deviceIds", ids)));
        return millis;
    }

    private JsonNode send(ServiceProcess service, String path, String method, String contentType, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(service.asAdmin(path).header("content-type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " failed: " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    record Latency(double p50, double p90, double p99, double requestsPerSecond, long errors) {
    }

    private Latency wrk(String url, String bearer, String seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds, "--latency", "--timeout", "10s",
                "-H", "Authorization: Bearer " + bearer, url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        return new Latency(percentile(out, "50%"), percentile(out, "90%"), percentile(out, "99%"),
                Double.parseDouble(match(out, "Requests/sec:\\s+([0-9.]+)")), errors.find() ? Long.parseLong(errors.group(1)) : 0);
    }

    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + label + " in wrk's output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String match(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk's output lacks " + regex + ":\n" + out);
        }
        return m.group(1);
    }

    private static void print(String path, String auth, Latency latency) {
        System.out.printf("%-34s %-6s %10.2f %10.2f %10.2f %12.0f%s%n", path, auth, latency.p50(), latency.p90(), latency.p99(),
                latency.requestsPerSecond(), latency.errors() == 0 ? "" : "  (" + latency.errors() + " non-2xx!)");
    }
}
