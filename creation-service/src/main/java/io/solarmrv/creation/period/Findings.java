package io.solarmrv.creation.period;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.solarmrv.creation.AuditLog;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The findings of a period in PostgreSQL (tables {@code findings} and {@code finding_steps}). Each
 * step is taken in one transaction that locks the period's row, checks that the period still waits
 * for its decision and that {@link Finding#refusal} allows the step, appends it and audits it; so a
 * finding never changes after the decision that cites it.
 */
@Singleton
public class Findings {
    /** At most this many findings on one period, and this long a text: a thread is read by a person. */
    static final int MAX_FINDINGS = 500;
    static final int MAX_TEXT = 10_000;

    private final DataSource dataSource;
    private final AuditLog audit;

    public Findings(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** The period's findings in number order, each with its thread. */
    public List<Finding> list(String projectId, int number) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return list(c, projectId, number);
        }
    }

    /** Raises a finding on an undecided period; returns it. */
    public Finding raise(String projectId, int number, Finding.Type type, String checkId, String text, String actor)
            throws SQLException {
        requireText(text);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            requireUndecided(c, projectId, number);
            int finding;
            try (PreparedStatement next = c.prepareStatement("SELECT count(*) FROM findings WHERE project_id = ? AND number = ?")) {
                next.setString(1, projectId);
                next.setInt(2, number);
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    finding = row.getInt(1) + 1;
                }
            }
            if (finding > MAX_FINDINGS) {
                throw conflict("period " + number + " has " + MAX_FINDINGS + " findings, the most one period holds");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO findings (project_id, number, finding, type, state, check_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, projectId);
                insert.setInt(2, number);
                insert.setInt(3, finding);
                insert.setString(4, type.name());
                insert.setString(5, Finding.State.OPEN.name());
                insert.setString(6, checkId);
                insert.executeUpdate();
            }
            append(c, projectId, number, finding, 0, Finding.Step.RAISED, text, actor);
            c.commit();
            return find(c, projectId, number, finding);
        }
    }

    /** Takes a step other than raising on a finding of an undecided period; returns the finding after it. */
    public Finding step(String projectId, int number, int finding, Finding.Step step, String text, String actor) throws SQLException {
        requireText(text);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            requireUndecided(c, projectId, number);
            Finding current = find(c, projectId, number, finding);
            current.refusal(step).ifPresent(reason -> {
                throw conflict(reason);
            });
            try (PreparedStatement update = c.prepareStatement("UPDATE findings SET state = ? WHERE project_id = ? AND number = ?"
                    + " AND finding = ?")) {
                update.setString(1, Finding.after(step).name());
                update.setString(2, projectId);
                update.setInt(3, number);
                update.setInt(4, finding);
                update.executeUpdate();
            }
            append(c, projectId, number, finding, current.thread().size(), step, text, actor);
            c.commit();
            return find(c, projectId, number, finding);
        }
    }

    private void append(Connection c, String projectId, int number, int finding, int position, Finding.Step step, String text,
                        String actor) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO finding_steps (project_id, number, finding, position, step,"
                + " text, actor, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, projectId);
            insert.setInt(2, number);
            insert.setInt(3, finding);
            insert.setInt(4, position);
            insert.setString(5, step.name());
            insert.setString(6, text);
            insert.setString(7, actor);
            insert.setLong(8, System.currentTimeMillis());
            insert.executeUpdate();
        }
        audit.append(c, actor, "finding." + step.name().toLowerCase(), projectId + "/" + number + "/" + finding,
                "{\"textLength\":" + text.length() + "}");
    }

    /** 404 without the period, 409 once it is decided (or can no longer be): its findings are then fixed. */
    private static void requireUndecided(Connection c, String projectId, int number) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT state FROM monitoring_periods WHERE project_id = ? AND number = ?"
                + " FOR UPDATE")) {
            lock.setString(1, projectId);
            lock.setInt(2, number);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new HttpStatusException(HttpStatus.NOT_FOUND, "no period " + number + " of project " + projectId);
                }
                PeriodState state = PeriodState.valueOf(row.getString(1));
                if (!PeriodAction.RAISE_FINDING.allowedIn(state) || !PeriodAction.ANSWER_FINDING.allowedIn(state)) {
                    throw conflict("period " + number + " is " + state + "; findings are raised and answered while it waits for"
                            + " its decision, and are fixed by it");
                }
            }
        }
    }

    private static Finding find(Connection c, String projectId, int number, int finding) throws SQLException {
        return list(c, projectId, number).stream().filter(f -> f.number() == finding).findFirst()
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no finding " + finding + " on period " + number
                        + " of project " + projectId));
    }

    private static List<Finding> list(Connection c, String projectId, int number) throws SQLException {
        record Head(Finding.Type type, Finding.State state, String checkId, List<Finding.Entry> thread) {
        }
        Map<Integer, Head> heads = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT finding, type, state, check_id FROM findings"
                + " WHERE project_id = ? AND number = ? ORDER BY finding")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    heads.put(row.getInt(1), new Head(Finding.Type.valueOf(row.getString(2)), Finding.State.valueOf(row.getString(3)),
                            row.getString(4), new ArrayList<>()));
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("SELECT finding, step, text, actor, at_ms FROM finding_steps"
                + " WHERE project_id = ? AND number = ? ORDER BY finding, position")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    heads.get(row.getInt(1)).thread().add(new Finding.Entry(Finding.Step.valueOf(row.getString(2)), row.getString(3),
                            row.getString(4), Instant.ofEpochMilli(row.getLong(5))));
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        heads.forEach((finding, head) -> findings.add(new Finding(finding, head.type(), head.state(), head.checkId(),
                List.copyOf(head.thread()))));
        return findings;
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'text' is required: what the finding says, or the answer to it");
        }
        if (text.length() > MAX_TEXT) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "'text' is " + text.length() + " characters; at most " + MAX_TEXT);
        }
    }

    private static HttpStatusException conflict(String detail) {
        return new HttpStatusException(HttpStatus.CONFLICT, detail);
    }
}
