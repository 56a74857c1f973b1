package io.solarmrv.results;

import org.flywaydb.core.Flyway;

/**
 * The results schema's one owner: its Flyway migrations ({@code io/solarmrv/results/migration},
 * history in {@code results_schema_history}). The stream job applies it before it writes, the
 * service's tests and the benchmarks before they read. The creation service's own migrations keep
 * their own history table in the same database; neither touches the other's tables.
 *
 * <p>A database whose tables were made before this (by the plain script of earlier versions) has no
 * history: it is baselined at version 0, and version 1, written {@code IF NOT EXISTS}, runs over it.
 * Two processes migrating at once are serialised by Flyway's lock in PostgreSQL.
 */
public final class ResultsSchema {
    /** Where the migrations are, apart from the service's {@code db/migration}. */
    static final String LOCATION = "classpath:io/solarmrv/results/migration";
    /** Flyway's history table for this schema. */
    static final String HISTORY_TABLE = "results_schema_history";

    private ResultsSchema() {
    }

    /** Brings the database at {@code jdbcUrl} (user and password in the URL) to the newest version. */
    public static void apply(String jdbcUrl) {
        Flyway.configure(ResultsSchema.class.getClassLoader())
                .dataSource(jdbcUrl, null, null)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
