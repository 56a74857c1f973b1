package io.solarmrv.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the job's result tables if they are missing (results-schema.sql). */
public final class ResultsSchema {
    private ResultsSchema() {
    }

    public static void apply(String jdbcUrl) throws SQLException {
        String sql;
        try (InputStream in = ResultsSchema.class.getResourceAsStream("results-schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
