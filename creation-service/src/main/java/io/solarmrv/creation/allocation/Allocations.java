package io.solarmrv.creation.allocation;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.creation.AuditLog;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Allocation plans and what each issuance gave to whom, with its Article 6.2 status, in PostgreSQL. */
@Singleton
public class Allocations {
    /** An issuance as the registry records it: who got which serials, and its Article 6.2 status. */
    @Serdeable
    public record Issuance(List<CreditAllocation.Allocated> allocations, Article6 article6) {
    }

    private final DataSource dataSource;
    private final AuditLog audit;
    private final JsonMapper json;

    public Allocations(DataSource dataSource, AuditLog audit, JsonMapper json) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.json = json;
    }

    /** Sets (or replaces) a project's plan; refused once any of its periods has been issued. */
    public void setPlan(String projectId, AllocationPlan plan, String actor) throws SQLException, IOException {
        plan.check();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement issued = c.prepareStatement("SELECT 1 FROM issuance_allocations WHERE project_id = ? LIMIT 1")) {
                issued.setString(1, projectId);
                try (ResultSet row = issued.executeQuery()) {
                    if (row.next()) {
                        throw new IllegalStateException("project " + projectId + " has issued credits; its allocation is fixed");
                    }
                }
            }
            String shares = json.writeValueAsString(plan.shares());
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO allocation_plans (project_id, government_funded, shares_json)"
                    + " VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET government_funded = EXCLUDED.government_funded,"
                    + " shares_json = EXCLUDED.shares_json")) {
                upsert.setString(1, projectId);
                upsert.setBoolean(2, plan.governmentFunded());
                upsert.setString(3, shares);
                upsert.executeUpdate();
            }
            audit.append(c, actor, "allocation.set", projectId, json.writeValueAsString(plan));
            c.commit();
        }
    }

    public Optional<AllocationPlan> plan(String projectId) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT government_funded, shares_json FROM allocation_plans WHERE project_id = ?")) {
            select.setString(1, projectId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                AllocationPlan.Share[] shares = json.readValue(row.getString(2), AllocationPlan.Share[].class);
                return Optional.of(new AllocationPlan(row.getBoolean(1), List.of(shares)));
            }
        }
    }

    /** Writes an issuance's allocations and Article 6.2 status in the caller's transaction. */
    public static void recordIssuance(Connection c, String projectId, int number, List<CreditAllocation.Allocated> allocated,
                                      Article6 article6) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO issuance_allocations (project_id, number, account, party,"
                + " credits, first_serial, last_serial) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (CreditAllocation.Allocated a : allocated) {
                insert.setString(1, projectId);
                insert.setInt(2, number);
                insert.setString(3, a.account());
                insert.setString(4, a.party().name());
                insert.setLong(5, a.credits());
                insert.setLong(6, a.firstSerial());
                insert.setLong(7, a.lastSerial());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        writeArticle6(c, projectId, number, article6);
    }

    /** Updates an issuance's Article 6.2 status (e.g. when the adjustment is applied); false if not issued. */
    public boolean updateArticle6(String projectId, int number, Article6 article6, String actor) throws SQLException, IOException {
        article6.check();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (issuance(c, projectId, number).isEmpty()) {
                return false;
            }
            writeArticle6(c, projectId, number, article6);
            audit.append(c, actor, "issuance.article6", projectId + "/" + number, json.writeValueAsString(article6));
            c.commit();
            return true;
        }
    }

    public Optional<Issuance> issuance(String projectId, int number) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return issuance(c, projectId, number);
        }
    }

    private static Optional<Issuance> issuance(Connection c, String projectId, int number) throws SQLException {
        Article6 article6;
        try (PreparedStatement select = c.prepareStatement("SELECT authorization_ref, corresponding_adjustment FROM issuance_article6"
                + " WHERE project_id = ? AND number = ?")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                article6 = new Article6(row.getString(1), row.getString(2));
            }
        }
        List<CreditAllocation.Allocated> allocated = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT account, party, credits, first_serial, last_serial"
                + " FROM issuance_allocations WHERE project_id = ? AND number = ? ORDER BY first_serial")) {
            select.setString(1, projectId);
            select.setInt(2, number);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    allocated.add(new CreditAllocation.Allocated(rows.getString(1), Party.valueOf(rows.getString(2)),
                            rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return Optional.of(new Issuance(allocated, article6));
    }

    private static void writeArticle6(Connection c, String projectId, int number, Article6 article6) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO issuance_article6 (project_id, number, authorization_ref,"
                + " corresponding_adjustment) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, number) DO UPDATE SET"
                + " authorization_ref = EXCLUDED.authorization_ref, corresponding_adjustment = EXCLUDED.corresponding_adjustment")) {
            upsert.setString(1, projectId);
            upsert.setInt(2, number);
            upsert.setString(3, article6.authorization());
            upsert.setString(4, article6.correspondingAdjustment());
            upsert.executeUpdate();
        }
    }
}
