package io.solarmrv.creation.period;

import io.solarmrv.attestation.MonitoringClaim;
import io.solarmrv.creation.AuditLog;
import io.solarmrv.creation.allocation.Allocations;
import io.solarmrv.creation.allocation.Article6;
import io.solarmrv.creation.allocation.CreditAllocation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Monitoring periods, their report versions and decisions in PostgreSQL; every change audited in its transaction. */
@Singleton
public class Periods {
    private final DataSource dataSource;
    private final AuditLog audit;

    public Periods(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** The number of a period of the project, not rejected, that overlaps [from, to), if any. */
    public Optional<Integer> overlapping(String projectId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return overlapping(c, projectId, from, to);
        }
    }

    private static Optional<Integer> overlapping(Connection c, String projectId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT number FROM monitoring_periods WHERE project_id = ?"
                + " AND state NOT IN ('REJECTED', 'WITHDRAWN') AND period_from < ? AND period_to > ? ORDER BY number LIMIT 1")) {
            select.setString(1, projectId);
            select.setTimestamp(2, Timestamp.from(to));
            select.setTimestamp(3, Timestamp.from(from));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getInt(1)) : Optional.empty();
            }
        }
    }

    /**
     * Stores a period submitted on chain as {@code chainPeriodId}, with its first report version;
     * returns its number, or empty if a period overlapping it exists (checked under a lock on the project).
     */
    public Optional<Integer> create(String projectId, Instant from, Instant to, long chainPeriodId,
                                    AnchoredLog.LatestCheckpoint checkpoint, MonitoringClaim claim, String reportJson, String actor)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM projects WHERE id = ? FOR UPDATE")) {
                lock.setString(1, projectId);
                lock.executeQuery().close();
            }
            if (overlapping(c, projectId, from, to).isPresent()) {
                c.rollback();
                return Optional.empty();
            }
            int number;
            try (PreparedStatement next = c.prepareStatement(
                    "SELECT coalesce(max(number), 0) + 1 FROM monitoring_periods WHERE project_id = ?")) {
                next.setString(1, projectId);
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    number = row.getInt(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO monitoring_periods (project_id, number, period_from,"
                    + " period_to, state, chain_period_id, log_size, log_root) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, projectId);
                insert.setInt(2, number);
                insert.setTimestamp(3, Timestamp.from(from));
                insert.setTimestamp(4, Timestamp.from(to));
                insert.setString(5, PeriodState.SUBMITTED.name());
                insert.setLong(6, chainPeriodId);
                insert.setLong(7, checkpoint.treeSize());
                insert.setBytes(8, checkpoint.root());
                insert.executeUpdate();
            }
            insertVersion(c, projectId, number, 1, claim, reportJson, "period closed", actor);
            audit.append(c, actor, "period.close", projectId + "/" + number, "{\"from\":\"" + from + "\",\"to\":\"" + to
                    + "\",\"chainPeriodId\":" + chainPeriodId + ",\"claimSha256\":\"" + hex(claim.digest()) + "\"}");
            c.commit();
            return Optional.of(number);
        }
    }

    /** Adds the next report version (late data) and moves the period from {@code from} to {@code state}. */
    public int addVersion(String projectId, int number, MonitoringClaim claim, String reportJson, String reason,
                          PeriodState from, PeriodState state, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int version;
            try (PreparedStatement next = c.prepareStatement("SELECT max(version) + 1 FROM report_versions"
                    + " WHERE project_id = ? AND number = ?")) {
                next.setString(1, projectId);
                next.setInt(2, number);
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    version = row.getInt(1);
                }
            }
            insertVersion(c, projectId, number, version, claim, reportJson, reason, actor);
            updateState(c, projectId, number, from, state);
            audit.append(c, actor, "period.restate", projectId + "/" + number, "{\"version\":" + version
                    + ",\"claimSha256\":\"" + hex(claim.digest()) + "\",\"state\":\"" + state + "\"}");
            c.commit();
            return version;
        }
    }

    public void recordDecision(String projectId, int number, PeriodState from, int version, boolean approve, String statement,
                               byte[] signature, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO verification_decisions (project_id, number, version,"
                    + " approve, statement, signature, decided_by, decided_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, projectId);
                insert.setInt(2, number);
                insert.setInt(3, version);
                insert.setBoolean(4, approve);
                insert.setString(5, statement);
                insert.setString(6, hex(signature));
                insert.setString(7, actor);
                insert.setLong(8, System.currentTimeMillis());
                insert.executeUpdate();
            }
            PeriodState state = approve ? PeriodState.APPROVED : PeriodState.REJECTED;
            updateState(c, projectId, number, from, state);
            audit.append(c, actor, approve ? "period.approve" : "period.reject", projectId + "/" + number,
                    "{\"version\":" + version + ",\"signature\":\"" + hex(signature) + "\"}");
            c.commit();
        }
    }

    /** The period was withdrawn on chain for its restated report (named by its claim digest). */
    public void withdrawn(String projectId, int number, String restatedClaimSha256, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            updateState(c, projectId, number, PeriodState.RESTATED, PeriodState.WITHDRAWN);
            audit.append(c, actor, "period.withdraw", projectId + "/" + number, "{\"restatedClaimSha256\":\"" + restatedClaimSha256 + "\"}");
            c.commit();
        }
    }

    /**
     * Records that the chain holds the period's submission under another id (a reorganisation took
     * the first away and it was found or submitted again); only from {@code fromChainId}, so two
     * requests noticing it at once record it once.
     */
    public void movedOnChain(String projectId, int number, long fromChainId, long toChainId, String how, String actor)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE monitoring_periods SET chain_period_id = ?"
                    + " WHERE project_id = ? AND number = ? AND chain_period_id = ?")) {
                update.setLong(1, toChainId);
                update.setString(2, projectId);
                update.setInt(3, number);
                update.setLong(4, fromChainId);
                if (update.executeUpdate() == 0) {
                    c.rollback();
                    return;
                }
            }
            audit.append(c, actor, "period.chain-moved", projectId + "/" + number, "{\"fromChainPeriodId\":" + fromChainId
                    + ",\"toChainPeriodId\":" + toChainId + ",\"how\":\"" + how + "\"}");
            c.commit();
        }
    }

    public void issuanceRequested(String projectId, int number, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            updateState(c, projectId, number, PeriodState.APPROVED, PeriodState.ISSUANCE_REQUESTED);
            audit.append(c, actor, "period.request_issuance", projectId + "/" + number, "{}");
            c.commit();
        }
    }

    /** Records the issuance: serials, what each account received, and the Article 6.2 status, in one transaction. */
    public void issued(String projectId, int number, PeriodLedger.Serials serials, List<CreditAllocation.Allocated> allocated,
                       Article6 article6, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            updateState(c, projectId, number, PeriodState.ISSUANCE_REQUESTED, PeriodState.ISSUED);
            try (PreparedStatement update = c.prepareStatement("UPDATE monitoring_periods SET first_serial = ?, last_serial = ?"
                    + " WHERE project_id = ? AND number = ?")) {
                update.setLong(1, serials.first());
                update.setLong(2, serials.last());
                update.setString(3, projectId);
                update.setInt(4, number);
                update.executeUpdate();
            }
            Allocations.recordIssuance(c, projectId, number, allocated, article6);
            audit.append(c, actor, "period.issue", projectId + "/" + number,
                    "{\"firstSerial\":" + serials.first() + ",\"lastSerial\":" + serials.last() + ",\"accounts\":"
                            + allocated.size() + ",\"correspondingAdjustment\":\"" + article6.correspondingAdjustment() + "\"}");
            c.commit();
        }
    }

    /** Every period of the project, by number. */
    public List<MonitoringPeriod> list(String projectId) throws SQLException {
        List<Integer> numbers = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT number FROM monitoring_periods WHERE project_id = ? ORDER BY number")) {
            select.setString(1, projectId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    numbers.add(rows.getInt(1));
                }
            }
        }
        List<MonitoringPeriod> periods = new ArrayList<>();
        for (int number : numbers) {
            find(projectId, number).ifPresent(periods::add);
        }
        return periods;
    }

    public Optional<MonitoringPeriod> find(String projectId, int number) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT period_from, period_to, state, chain_period_id, first_serial,"
                     + " last_serial, log_size, log_root FROM monitoring_periods WHERE project_id = ? AND number = ?")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MonitoringPeriod(projectId, number, row.getTimestamp(1).toInstant(),
                        row.getTimestamp(2).toInstant(), PeriodState.valueOf(row.getString(3)), versions(c, projectId, number),
                        decision(c, projectId, number), (Long) row.getObject(4), (Long) row.getObject(5), (Long) row.getObject(6),
                        row.getLong(7), hex(row.getBytes(8))));
            }
        }
    }

    /** Records a verifier's sample (seed and the leaves it drew). */
    public void recordSample(String projectId, int number, byte[] seed, int size, List<Long> leafIndexes, String actor)
            throws SQLException {
        String leaves = leafIndexes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO period_samples (project_id, number, seed, size,"
                    + " leaf_indexes, drawn_by, drawn_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, projectId);
                insert.setInt(2, number);
                insert.setString(3, hex(seed));
                insert.setInt(4, size);
                insert.setString(5, leaves);
                insert.setString(6, actor);
                insert.setLong(7, System.currentTimeMillis());
                insert.executeUpdate();
            }
            audit.append(c, actor, "period.sample", projectId + "/" + number, "{\"seed\":\"" + hex(seed) + "\",\"size\":" + size
                    + ",\"leaves\":[" + leaves + "]}");
            c.commit();
        }
    }

    /** A stored version's report JSON or claim text, exactly as stored. */
    public Optional<String> stored(String column, String projectId, int number, int version) throws SQLException {
        if (!column.equals("report_json") && !column.equals("claim_text")) {
            throw new IllegalArgumentException(column);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + column + " FROM report_versions"
                     + " WHERE project_id = ? AND number = ? AND version = ?")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            select.setInt(3, version);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static void insertVersion(Connection c, String projectId, int number, int version, MonitoringClaim claim,
                                      String reportJson, String reason, String actor) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO report_versions (project_id, number, version, claim_text,"
                + " claim_sha256, report_json, reason, created_by, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, projectId);
            insert.setInt(2, number);
            insert.setInt(3, version);
            insert.setString(4, claim.text());
            insert.setString(5, hex(claim.digest()));
            insert.setString(6, reportJson);
            insert.setString(7, reason);
            insert.setString(8, actor);
            insert.setLong(9, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    /**
     * Moves a period from {@code from} to {@code to}, compare-and-set: only if it is still in {@code
     * from}. A request that read the period, then acted on chain while another changed it (a
     * restatement during an issuance request), records nothing and is told so ({@link PeriodChanged},
     * 409); the caller's transaction rolls back.
     */
    private static void updateState(Connection c, String projectId, int number, PeriodState from, PeriodState to)
            throws SQLException {
        if (!from.mayBecome(to)) {
            throw new IllegalStateException("period " + number + ": " + from + " cannot become " + to);
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE monitoring_periods SET state = ? WHERE project_id = ? AND number = ? AND state = ?")) {
            update.setString(1, to.name());
            update.setString(2, projectId);
            update.setInt(3, number);
            update.setString(4, from.name());
            if (update.executeUpdate() == 0) {
                c.rollback();
                throw new PeriodChanged("period " + number + " of project " + projectId + " is no longer " + from
                        + ": it changed while this request ran, and nothing of this request was recorded; read it again");
            }
        }
    }

    /** A period's state changed between a request reading it and recording its change. */
    public static final class PeriodChanged extends RuntimeException {
        PeriodChanged(String message) {
            super(message);
        }
    }

    private static List<ReportVersion> versions(Connection c, String projectId, int number) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT version, claim_sha256, reason, created_by, created_at_ms,"
                + " claim_text FROM report_versions WHERE project_id = ? AND number = ? ORDER BY version")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            List<ReportVersion> versions = new ArrayList<>();
            String previousText = null;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String text = rows.getString(6);
                    versions.add(new ReportVersion(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            Instant.ofEpochMilli(rows.getLong(5)), previousText == null ? List.of() : ClaimDiff.between(previousText, text)));
                    previousText = text;
                }
            }
            return versions;
        }
    }

    private static MonitoringPeriod.Decision decision(Connection c, String projectId, int number) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT version, approve, statement, decided_by, decided_at_ms"
                + " FROM verification_decisions WHERE project_id = ? AND number = ? ORDER BY version DESC LIMIT 1")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new MonitoringPeriod.Decision(row.getInt(1), row.getBoolean(2), row.getString(3),
                        row.getString(4), Instant.ofEpochMilli(row.getLong(5))) : null;
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
