package io.solarmrv.results;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Table {@code rejected_readings} (migration V1): every message that did not become evidence, with
 * its reason, kept for review. A message rejected again for the same reason (a replay after a
 * restart) is recorded once.
 */
public final class RejectedReadings {
    private RejectedReadings() {
    }

    /**
     * A rejected message.
     *
     * @param envelopeSha256 SHA-256 of the whole message, with the reason its key
     * @param detail         the reason's detail, bounded by the job
     * @param envelope       the message as kept (a bounded prefix of an oversized one)
     */
    public record Rejection(byte[] envelopeSha256, String reason, String deviceId, long sequence, String detail, byte[] envelope) {
    }

    /** The insert of one {@link Rejection}; the same message and reason again changes nothing. */
    public static final String INSERT = "INSERT INTO rejected_readings (envelope_sha256, reason, device_id, seq, detail, envelope)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (envelope_sha256, reason) DO NOTHING";

    /** Sets a rejection's values on the statement {@link #INSERT} made. */
    public static void bind(PreparedStatement insert, Rejection rejection) throws SQLException {
        insert.setBytes(1, rejection.envelopeSha256());
        insert.setString(2, rejection.reason());
        insert.setString(3, rejection.deviceId());
        insert.setLong(4, rejection.sequence());
        insert.setString(5, rejection.detail());
        insert.setBytes(6, rejection.envelope());
    }
}
