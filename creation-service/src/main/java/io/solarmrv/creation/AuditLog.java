package io.solarmrv.creation;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The append-only, hash-chained record of every change (table {@code audit_log}). An entry is
 * appended inside the transaction that makes the change, so both commit or neither does; appends
 * are serialised by a table lock, so the chain has one order.
 */
@Singleton
public class AuditLog {
    private static final byte[] GENESIS = new byte[32];

    /** The outcome of walking the chain: how many entries, and the first whose hash does not hold. */
    @Serdeable
    public record Verdict(long entries, boolean intact, Long firstBrokenSeq) {
    }

    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends an entry in the caller's transaction ({@code c} has auto-commit off). */
    public void append(Connection c, String actor, String action, String subject, String details) throws SQLException {
        try (Statement lock = c.createStatement()) {
            lock.execute("LOCK TABLE audit_log IN EXCLUSIVE MODE");
        }
        long seq = 1;
        byte[] previous = GENESIS;
        try (Statement last = c.createStatement();
             ResultSet row = last.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            if (row.next()) {
                seq = row.getLong(1) + 1;
                previous = row.getBytes(2);
            }
        }
        long at = System.currentTimeMillis();
        byte[] hash = AuditEntry.chainHash(previous, seq, at, actor, action, subject, details);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log"
                + " (seq, at_ms, actor, action, subject, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setLong(2, at);
            insert.setString(3, actor);
            insert.setString(4, action);
            insert.setString(5, subject);
            insert.setString(6, details);
            insert.setBytes(7, previous);
            insert.setBytes(8, hash);
            insert.executeUpdate();
        }
    }

    /** Entries with {@code seq > after}, oldest first, at most {@code limit}. */
    public List<AuditEntry> entries(long after, int limit) throws SQLException {
        return entries(after, limit, null);
    }

    /**
     * Entries after {@code after}, oldest first, at most {@code limit}; with {@code member} non-null,
     * only those about the projects it is a member of (subject {@code <project>} or {@code <project>/<period>}).
     */
    public List<AuditEntry> entries(long after, int limit, String member) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT seq, at_ms, actor, action, subject, details,"
                     + " previous_hash, hash FROM audit_log WHERE seq > ?"
                     + (member == null ? "" : " AND split_part(subject, '/', 1) IN (SELECT project_id FROM project_members WHERE member = ?)")
                     + " ORDER BY seq LIMIT ?")) {
            int parameter = 1;
            select.setLong(parameter++, after);
            if (member != null) {
                select.setString(parameter++, member);
            }
            select.setInt(parameter, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), AuditEntry.hex(rows.getBytes(7)),
                            AuditEntry.hex(rows.getBytes(8))));
                }
            }
            return entries;
        }
    }

    /** Recomputes every hash from the first entry on; the first entry that does not match breaks the chain. */
    public Verdict verify() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement select = c.createStatement();
             ResultSet rows = select.executeQuery("SELECT seq, at_ms, actor, action, subject, details, previous_hash, hash"
                     + " FROM audit_log ORDER BY seq")) {
            byte[] previous = GENESIS;
            long expectedSeq = 1;
            long count = 0;
            while (rows.next()) {
                long seq = rows.getLong(1);
                byte[] recomputed = AuditEntry.chainHash(previous, seq, rows.getLong(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6));
                boolean linked = seq == expectedSeq && MessageDigest.isEqual(previous, rows.getBytes(7));
                if (!linked || !MessageDigest.isEqual(recomputed, rows.getBytes(8))) {
                    return new Verdict(count, false, seq);
                }
                previous = rows.getBytes(8);
                expectedSeq++;
                count++;
            }
            return new Verdict(count, true, null);
        }
    }
}
