package io.solarmrv.creation.cycle;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.creation.AuditLog;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A project's cycle in PostgreSQL: stages recorded once each, in the scheme's order, audited. */
@Singleton
public class ProjectCycle {
    /** Where a project stands: its scheme, the stages recorded, the next one (null once registered). */
    @Serdeable
    public record Status(String projectId, String scheme, List<CycleEntry> stages, @Nullable Stage next) {
        /** The registration, if the project is registered: monitoring periods count only from its date. */
        public Optional<CycleEntry> registration() {
            return stages.stream().filter(e -> e.stage() == Stage.REGISTRATION).findFirst();
        }
    }

    private final DataSource dataSource;
    private final AuditLog audit;

    public ProjectCycle(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    public Optional<Status> status(String projectId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return status(c, projectId);
        }
    }

    /**
     * Records the next stage. An {@link IllegalStateException} says which stage is due instead;
     * an {@link IllegalArgumentException}, what is wrong with the document or date.
     */
    public Status record(String projectId, Stage stage, String documentName, String documentSha256, LocalDate effectiveOn,
                         @Nullable CreditingTerms crediting, String actor) throws SQLException {
        if (documentName == null || documentName.isBlank() || documentName.length() > 200) {
            throw new IllegalArgumentException("'documentName' must be 1-200 characters");
        }
        if (documentSha256 == null || !documentSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'documentSha256' must be the document's SHA-256, 64 lower-case hex digits");
        }
        if (effectiveOn == null) {
            throw new IllegalArgumentException("'effectiveOn' is required (the date the stage took effect)");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM projects WHERE id = ? FOR UPDATE")) {
                lock.setString(1, projectId);
                lock.executeQuery().close();
            }
            Status before = status(c, projectId).orElseThrow(() -> new IllegalArgumentException("no project " + projectId));
            if (before.next() != stage) {
                throw new IllegalStateException(before.next() == null ? "project " + projectId + " is registered already"
                        : "the next stage of " + projectId + " (" + before.scheme() + ") is " + before.next() + ", not " + stage);
            }
            if (crediting != null) {
                if (stage != Stage.REGISTRATION || !"JCM".equals(before.scheme())) {
                    throw new IllegalArgumentException("a crediting period ('creditingFrom', 'creditingUntil',"
                            + " 'validatedWithVerification') is recorded with a JCM project's REGISTRATION; J-Credit's follows from the"
                            + " registration date (実施要綱 3.1.3)");
                }
                crediting.check(effectiveOn);
            }
            if (!before.stages().isEmpty() && effectiveOn.isBefore(before.stages().get(before.stages().size() - 1).effectiveOn())) {
                throw new IllegalArgumentException("'effectiveOn' " + effectiveOn + " is before the previous stage's date");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO project_cycle (project_id, stage, document_name,"
                    + " document_sha256, effective_on, recorded_by, recorded_at_ms, crediting_from, crediting_until,"
                    + " validated_with_verification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, projectId);
                insert.setString(2, stage.name());
                insert.setString(3, documentName);
                insert.setString(4, documentSha256);
                insert.setDate(5, Date.valueOf(effectiveOn));
                insert.setString(6, actor);
                insert.setLong(7, System.currentTimeMillis());
                insert.setDate(8, crediting == null || crediting.from() == null ? null : Date.valueOf(crediting.from()));
                insert.setDate(9, crediting == null || crediting.until() == null ? null : Date.valueOf(crediting.until()));
                insert.setBoolean(10, crediting != null && crediting.validatedWithVerification());
                insert.executeUpdate();
            }
            audit.append(c, actor, "project.cycle", projectId, "{\"stage\":\"" + stage + "\",\"documentSha256\":\""
                    + documentSha256 + "\",\"effectiveOn\":\"" + effectiveOn + "\"" + (crediting == null ? "" : ",\"creditingFrom\":"
                    + quoted(crediting.from()) + ",\"creditingUntil\":" + quoted(crediting.until()) + ",\"validatedWithVerification\":"
                    + crediting.validatedWithVerification()) + "}");
            c.commit();
            return status(projectId).orElseThrow();
        }
    }

    private static CreditingTerms crediting(ResultSet row) throws SQLException {
        Date from = row.getDate(7);
        Date until = row.getDate(8);
        boolean together = row.getBoolean(9);
        if (from == null && until == null && !together) {
            return null;
        }
        return new CreditingTerms(from == null ? null : from.toLocalDate(), until == null ? null : until.toLocalDate(), together);
    }

    private static String quoted(LocalDate day) {
        return day == null ? "null" : "\"" + day + "\"";
    }

    private static Optional<Status> status(Connection c, String projectId) throws SQLException {
        String scheme;
        try (PreparedStatement select = c.prepareStatement("SELECT scheme FROM projects WHERE id = ?")) {
            select.setString(1, projectId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                scheme = row.getString(1);
            }
        }
        List<CycleEntry> entries = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT stage, document_name, document_sha256, effective_on,"
                + " recorded_by, recorded_at_ms, crediting_from, crediting_until, validated_with_verification FROM project_cycle"
                + " WHERE project_id = ?")) {
            select.setString(1, projectId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new CycleEntry(Stage.valueOf(rows.getString(1)), rows.getString(2), rows.getString(3),
                            rows.getDate(4).toLocalDate(), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)), crediting(rows)));
                }
            }
        }
        List<Stage> order = Stage.of(scheme);
        entries.sort(java.util.Comparator.comparingInt(e -> order.indexOf(e.stage())));
        Stage next = entries.size() < order.size() ? order.get(entries.size()) : null;
        return Optional.of(new Status(projectId, scheme, entries, next));
    }
}
