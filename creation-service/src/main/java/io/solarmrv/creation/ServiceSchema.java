package io.solarmrv.creation;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates the service's own tables at startup if they are missing (db/service-schema.sql). */
@Context
public class ServiceSchema {
    private final DataSource dataSource;

    public ServiceSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @PostConstruct
    void apply() throws IOException, SQLException {
        String sql;
        try (InputStream in = ServiceSchema.class.getResourceAsStream("/db/service-schema.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
