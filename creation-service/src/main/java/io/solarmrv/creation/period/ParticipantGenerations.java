package io.solarmrv.creation.period;

import io.micronaut.json.JsonMapper;
import io.solarmrv.creation.AuditLog;
import java.io.IOException;
import java.util.Map;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Which generation of its participant key each project is at ({@code project_participants}; none
 * recorded: 0). A rotation is recorded with its audit entry in one transaction, and only from the
 * generation the caller read (compare-and-set), so two rotations at once cannot skip or repeat one.
 */
@Singleton
class ParticipantGenerations {
    private final DataSource dataSource;
    private final AuditLog audit;
    private final JsonMapper json;

    ParticipantGenerations(DataSource dataSource, AuditLog audit, JsonMapper json) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.json = json;
    }

    int current(String projectId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT generation FROM project_participants WHERE project_id = ?")) {
            select.setString(1, projectId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /** Records the move from generation {@code from} to {@code from + 1}; false if another rotation recorded it first. */
    boolean rotated(String projectId, int from, String address, String actor, String reason) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO project_participants AS p"
                    + " (project_id, generation, address, rotated_at, rotated_by, reason) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (project_id) DO UPDATE SET generation = EXCLUDED.generation, address = EXCLUDED.address,"
                    + " rotated_at = EXCLUDED.rotated_at, rotated_by = EXCLUDED.rotated_by, reason = EXCLUDED.reason"
                    + " WHERE p.generation = ?")) {
                upsert.setString(1, projectId);
                upsert.setInt(2, from + 1);
                upsert.setString(3, address);
                upsert.setTimestamp(4, Timestamp.from(Instant.now()));
                upsert.setString(5, actor);
                upsert.setString(6, reason);
                upsert.setInt(7, from);
                if (upsert.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            audit.append(c, actor, "project.participant-rotated", projectId,
                    json.writeValueAsString(Map.of("generation", from + 1, "address", address, "reason", reason)));
            c.commit();
            return true;
        }
    }
}
