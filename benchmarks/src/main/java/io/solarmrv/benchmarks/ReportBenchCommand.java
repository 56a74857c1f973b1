package io.solarmrv.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.attestation.log.TiledLog;
import io.solarmrv.launcher.ServiceProcess;
import io.solarmrv.results.ResultsSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mrv bench-report}: how long the creation service takes to generate a monitoring report for
 * many devices over a long period. Seeds an embedded PostgreSQL, server-side, with what the stream
 * job would have written for {@code --devices} devices over {@code --days} days: one accepted
 * reading per device per {@code --reading-minutes} in the log, the job's hourly energy, and a
 * {@code stale} flag on one reading in {@code --flag-every}. Then times {@code GET
 * /projects/{id}/report} for the whole period (warm, median of three).
 */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Monitoring report generation time for many devices over a long period.")
final class ReportBenchCommand implements Callable<Integer> {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Option(names = "--devices", defaultValue = "1000", description = "Devices (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--days", defaultValue = "365", description = "Period length in days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--reading-minutes", defaultValue = "60", description = "Minutes between readings in the log (default: ${DEFAULT-VALUE})")
    int readingMinutes;

    @Option(names = "--flag-every", defaultValue = "1000", description = "One reading in this many flagged stale (default: ${DEFAULT-VALUE})")
    int flagEvery;

    @Override
    public Integer call() throws Exception {
        Path workDir = Files.createTempDirectory("mrv-bench-report");
        Path repositoryRoot = Path.of(System.getProperty("mrv.home", ".")).toAbsolutePath().normalize();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("postgres"))
                .setCleanDataDirectory(true).start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            ResultsSchema.apply(jdbcUrl);
            long readingsPerDevice = (long) days * 24 * 60 / readingMinutes;
            long seedStart = System.nanoTime();
            Path tiles = workDir.resolve("log-tiles");
            seed(jdbcUrl, tiles, readingsPerDevice);
            System.out.printf("Seeded %,d devices x %,d days: %,d readings, %,d hourly rows, %,d flags in %.0f s%n", devices, days,
                    devices * readingsPerDevice, (long) devices * days * 24, devices * readingsPerDevice / flagEvery,
                    (System.nanoTime() - seedStart) / 1e9);
            try (ServiceProcess service = ServiceProcess.start(repositoryRoot, jdbcUrl, workDir.resolve("creation-service.log"),
                Map.of("MRV_LOG_TILES_DIR", tiles.toString()))) {
                List<String> ids = IntStream.range(0, devices).mapToObj(ReportBenchCommand::deviceId).toList();
                ObjectMapper json = new ObjectMapper();
                HttpClient http = HttpClient.newHttpClient();
                // The report takes each device's role from the registry: onboard them as inverters at one site.
                send(http, service.asAdmin("/sites").header("content-type", "application/json"), json.writeValueAsString(Map.of(
                        "id", "bench-site", "name", "Bench", "latitude", 35.0, "longitude", 139.0)));
                send(http, service.asAdmin("/devices").header("content-type", "text/csv"),
                        "id,site_id,gateway_id,kind,meter_serial,nameplate_w,accuracy_class\n" + ids.stream()
                                .map(id -> id + ",bench-site,gw-1,inverter,SN-" + id + ",5000,1").collect(Collectors.joining("\n")));
                send(http, service.asAdmin("/projects").header("content-type", "application/json"), json.writeValueAsString(Map.of(
                        "id", "bench", "name", "Bench", "methodology", "TH_AM001 Ver1.0", "emissionFactors", List.of(Map.of("tco2PerMwh", 0.5,
                        "effectiveFrom", "2015-01-01", "source", "benchmark value, from no document")), "deviceIds", ids)));
                String path = "/projects/bench/report?from=" + START + "&to=" + START.plusSeconds(86_400L * days);
                double[] seconds = new double[4];
                long bytes = 0;
                JsonNode report = null;
                for (int run = 0; run < seconds.length; run++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(service.asAdmin(path).build(), HttpResponse.BodyHandlers.ofString());
                    seconds[run] = (System.nanoTime() - start) / 1e9;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("report failed: " + response.statusCode() + " " + response.body());
                    }
                    bytes = response.body().length();
                    report = json.readTree(response.body());
                }
                double[] warm = java.util.Arrays.copyOfRange(seconds, 1, seconds.length);
                java.util.Arrays.sort(warm);
                System.out.printf("GET report, %,d devices, %d days: first %.2f s, warm median %.2f s (runs %.2f, %.2f, %.2f);"
                                + " %,d bytes of JSON, %d intervals of %d s per device; total %s kWh, excluded %s Wh, credits %s%n",
                        devices, days, seconds[0], warm[1], seconds[1], seconds[2], seconds[3], bytes,
                        report.get("devices").get(0).get("intervals").size(), report.get("intervalSeconds").asLong(),
                        report.get("totalEnergyKwh").asText(), report.get("excludedEnergyWh").asText(), report.get("creditsTco2").asText());
            }
        }
        return 0;
    }

    private static void send(HttpClient http, HttpRequest.Builder request, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.build().uri().getPath() + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static String deviceId(int d) {
        return String.format("dev-%05d", d);
    }

    /**
     * What the job would have written, without the job: the log's index, hourly energy and flags
     * server-side (generate_series), and the log's tiles, leaf d * (readings + 1) + r being device
     * d's reading r. The report decodes only each device's two boundary readings (for their meter
     * serial): those are real signed envelopes; every other entry is one byte, never read.
     */
    private void seed(String jdbcUrl, Path tilesDir, long readingsPerDevice) throws Exception {
        long stepMs = readingMinutes * 60_000L;
        long startMs = START.toEpochMilli();
        long whPerReading = 1_000L * readingMinutes / 60;           // a steady 1 kW
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        try (TiledLog log = TiledLog.open(tilesDir)) {
            for (int d = 0; d < devices; d++) {
                for (long r = 0; r <= readingsPerDevice; r++) {
                    if (r == 0 || r == readingsPerDevice) {
                        Reading reading = new Reading(deviceId(d), "SN-" + deviceId(d), r, startMs + r * stepMs, r * whPerReading, null,
                                1000, ClockSync.NTP, 0, Reading.genesisHash(), new byte[Reading.SALT_LENGTH]);
                        log.append(SignedReading.sign(reading, key).toWire());
                    } else {
                        log.append(new byte[1]);
                    }
                    if (log.size() % 1_000_000 == 0) {
                        log.commit();
                    }
                }
            }
            log.commit();
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("SET work_mem = '256MB'");
            s.execute("INSERT INTO log_index SELECT dev, hour, min(r), max(r), array_agg(leaf ORDER BY leaf), array_agg(r ORDER BY leaf),"
                    + " array_agg(ts ORDER BY leaf), array_agg(reg ORDER BY leaf) FROM (SELECT 'dev-' || lpad(d::text, 5, '0') AS dev,"
                    + " d * " + (readingsPerDevice + 1) + " + r AS leaf, r, " + startMs + " + r * " + stepMs + " AS ts, r * " + whPerReading
                    + " AS reg, (" + startMs + " + r * " + stepMs + ") / 3600000 * 3600000 AS hour"
                    + " FROM generate_series(0::bigint, " + (devices - 1) + ") d, generate_series(0::bigint, " + readingsPerDevice + ") r) x"
                    + " GROUP BY dev, hour");
            long hours = (long) days * 24;
            s.execute("INSERT INTO hourly_energy SELECT 'dev-' || lpad(d::text, 5, '0'), " + startMs + " + h * 3600000, "
                    + Math.max(1, 60 / readingMinutes) + ", " + startMs + " + h * 3600000, h * 1000, " + startMs + " + h * 3600000 + 3599999,"
                    + " (h + 1) * 1000, 1000 FROM generate_series(0::bigint, " + (devices - 1) + ") d, generate_series(0::bigint, " + (hours - 1) + ") h");
            s.execute("INSERT INTO quality_flags SELECT 'dev-' || lpad(d::text, 5, '0'), r, " + startMs + " + r * " + stepMs + ", 'stale'"
                    + " FROM generate_series(0::bigint, " + (devices - 1) + ") d, generate_series(0::bigint, " + readingsPerDevice + ") r"
                    + " WHERE r % " + flagEvery + " = " + (flagEvery / 2));
            s.execute("ANALYZE");
        }
    }
}
