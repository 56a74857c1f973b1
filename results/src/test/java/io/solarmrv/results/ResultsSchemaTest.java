package io.solarmrv.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The results schema's migrations on a real PostgreSQL: a new database, one made before Flyway, a second start. */
class ResultsSchemaTest {
    private EmbeddedPostgres postgres;
    private String url;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        url = postgres.getJdbcUrl("postgres", "postgres");
    }

    @AfterEach
    void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aNewDatabaseGetsEveryTableAndVersionOne() throws Exception {
        ResultsSchema.apply(url);
        assertEquals(List.of("hourly_energy", "late_for_hourly_energy", "log_checkpoints", "log_index", "quality_flags",
                "quarter_hour_energy", "rejected_readings", "results_schema_history"), tables());
        assertEquals(List.of("1"), appliedVersions());
    }

    @Test
    void aDatabaseMadeBeforeFlywayIsBaselinedAndKeepsItsRows() throws Exception {
        try (InputStream script = ResultsSchema.class.getResourceAsStream("migration/V1__results_tables.sql");
             Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));     // what the plain script made
            s.execute("INSERT INTO hourly_energy VALUES ('inv-1', 0, 60, 0, 100, 3540000, 1100, 1000)");
        }
        ResultsSchema.apply(url);
        assertEquals(List.of("0", "1"), appliedVersions(), "baselined at 0, then version 1 over the tables it found");
        assertEquals(1000, single("SELECT energy_wh FROM hourly_energy WHERE device_id = 'inv-1'"));
    }

    @Test
    void applyingAgainChangesNothing() throws Exception {
        ResultsSchema.apply(url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO quality_flags VALUES ('inv-1', 7, 0, 'stale')");
        }
        ResultsSchema.apply(url);
        assertEquals(List.of("1"), appliedVersions());
        assertEquals(1, single("SELECT count(*) FROM quality_flags"));
    }

    private List<String> tables() throws Exception {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    }

    private List<String> appliedVersions() throws Exception {
        return strings("SELECT version FROM results_schema_history WHERE success ORDER BY installed_rank");
    }

    private List<String> strings(String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private long single(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
