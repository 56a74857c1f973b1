package io.solarmrv.creation;

import io.micronaut.json.JsonMapper;
import io.solarmrv.attestation.methodology.EmissionFactor;
import io.solarmrv.creation.access.Memberships;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Projects and their devices in PostgreSQL. */
@Singleton
public class ProjectRepository {
    private final DataSource dataSource;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Memberships memberships;

    public ProjectRepository(DataSource dataSource, AuditLog audit, JsonMapper json, Memberships memberships) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.json = json;
        this.memberships = memberships;
    }

    /**
     * Stores a new project and its audit entry in one transaction; returns false if a project with
     * its id exists already (and records nothing).
     */
    public boolean create(Project project, String actor) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO projects (id, name, methodology, description, scheme, host_country, device_count)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, project.id());
                insert.setString(2, project.name());
                insert.setString(3, project.methodology());
                insert.setString(4, project.description());
                insert.setString(5, project.schemeOrDefault());
                insert.setString(6, project.hostCountry());
                insert.setInt(7, project.deviceIds().size());
                if (insert.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            try (PreparedStatement device = c.prepareStatement(
                    "INSERT INTO project_devices (project_id, device_id) VALUES (?, ?)")) {
                for (String deviceId : project.deviceIds()) {
                    device.setString(1, project.id());
                    device.setString(2, deviceId);
                    device.addBatch();
                }
                device.executeBatch();
            }
            for (EmissionFactor factor : project.emissionFactors()) {
                insertFactor(c, project.id(), factor);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("name", project.name());
            details.put("methodology", project.methodology());
            details.put("emissionFactors", project.emissionFactors().stream().map(ProjectRepository::auditDetails).toList());
            details.put("deviceIds", project.deviceIds());
            details.put("scheme", project.schemeOrDefault());
            details.put("hostCountry", project.hostCountry());
            memberships.addMember(c, project.id(), actor);
            audit.append(c, actor, "project.create", project.id(), json.writeValueAsString(details));
            c.commit();
            return true;
        }
    }

    public Optional<Project> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT name, methodology, description, scheme, host_country FROM projects WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Project(id, row.getString(1), row.getString(2), emissionFactors(c, id), deviceIds(c, id),
                        row.getString(3), row.getString(4), row.getString(5)));
            }
        }
    }

    /** Whether a project with this id is registered (one index lookup; {@link #summary} reads much more). */
    public boolean exists(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT 1 FROM projects WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The project without its device list, or empty if there is no such project. */
    public Optional<ProjectSummary> summary(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT name, methodology, device_count, description, scheme, host_country"
                     + " FROM projects WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ProjectSummary(id, row.getString(1), row.getString(2), emissionFactors(c, id), row.getInt(3),
                        row.getString(4), row.getString(5), row.getString(6), sharedTimeZone(c, id)));
            }
        }
    }

    /** The time zone all of the project's devices' sites record, or null (none recorded, or several). */
    private static String sharedTimeZone(Connection c, String projectId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT min(s.time_zone), count(DISTINCT s.time_zone),"
                + " count(*) FILTER (WHERE s.time_zone IS NULL) FROM project_devices pd JOIN devices d ON d.id = pd.device_id"
                + " JOIN sites s ON s.id = d.site_id WHERE pd.project_id = ?")) {
            select.setString(1, projectId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(2) == 1 && row.getLong(3) == 0 ? row.getString(1) : null;
            }
        }
    }

    /** Up to {@code limit} of the project's device ids after {@code after} (null: from the first), in id order. */
    public DevicePage devices(String projectId, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT device_id FROM project_devices WHERE project_id = ?"
                     + " AND device_id > ? ORDER BY device_id LIMIT ?")) {
            select.setString(1, projectId);
            select.setString(2, after == null ? "" : after);
            select.setInt(3, limit + 1);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            boolean more = ids.size() > limit;
            List<String> page = more ? ids.subList(0, limit) : ids;
            return new DevicePage(List.copyOf(page), more ? page.get(limit - 1) : null);
        }
    }

    /**
     * Up to {@code limit} projects after {@code after} in id order that {@code principal} is a member
     * of ({@code everywhere}: all, for administrators and auditors), each with its latest period.
     */
    public ProjectListing list(String principal, boolean everywhere, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT p.id, p.name, p.methodology, p.scheme, lp.number, lp.state"
                     + " FROM projects p LEFT JOIN LATERAL (SELECT number, state FROM monitoring_periods mp WHERE mp.project_id = p.id"
                     + " ORDER BY number DESC LIMIT 1) lp ON true"
                     + " WHERE p.id > ? AND (? OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.member = ?))"
                     + " ORDER BY p.id LIMIT ?")) {
            select.setString(1, after == null ? "" : after);
            select.setBoolean(2, everywhere);
            select.setString(3, principal);
            select.setInt(4, limit + 1);
            List<ProjectListing.Entry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new ProjectListing.Entry(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            (Integer) rows.getObject(5), rows.getString(6)));
                }
            }
            boolean more = entries.size() > limit;
            List<ProjectListing.Entry> page = more ? entries.subList(0, limit) : entries;
            return new ProjectListing(List.copyOf(page), more ? page.get(limit - 1).id() : null);
        }
    }

    /** What adding an emission factor came to. */
    public sealed interface FactorAdded {
        /** Added; the project's factors now, in date order. */
        record Added(List<EmissionFactor> factors) implements FactorAdded {
        }

        /** Nothing stored: the reason (no such project, or a day that would have two factors). */
        record Refused(String reason, boolean noProject) implements FactorAdded {
        }
    }

    /**
     * Adds one factor to a project's, with its audit entry, in one transaction. The project's row is
     * locked first, so two additions at once cannot both pass the overlap check. Factors already
     * stored never change: a period closed with one keeps it in its claim.
     */
    public FactorAdded addEmissionFactor(String projectId, EmissionFactor factor, String actor) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM projects WHERE id = ? FOR UPDATE")) {
                lock.setString(1, projectId);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        c.rollback();
                        return new FactorAdded.Refused("no project " + projectId, true);
                    }
                }
            }
            List<EmissionFactor> factors = new ArrayList<>(emissionFactors(c, projectId));
            factors.add(factor);
            try {
                factors = new io.solarmrv.attestation.methodology.EmissionFactors(factors).values();
            } catch (IllegalArgumentException e) {
                c.rollback();
                return new FactorAdded.Refused(e.getMessage(), false);
            }
            insertFactor(c, projectId, factor);
            audit.append(c, actor, "project.emission-factor", projectId, json.writeValueAsString(auditDetails(factor)));
            c.commit();
            return new FactorAdded.Added(factors);
        }
    }

    private static void insertFactor(Connection c, String projectId, EmissionFactor factor) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO emission_factors (project_id, effective_from,"
                + " effective_until, factor_t_per_mwh, source) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, projectId);
            insert.setObject(2, factor.effectiveFrom());
            insert.setObject(3, factor.effectiveUntil());
            insert.setBigDecimal(4, factor.tco2PerMwh());
            insert.setString(5, factor.source());
            insert.executeUpdate();
        }
    }

    /** A factor as the audit log records it. */
    private static Map<String, String> auditDetails(EmissionFactor factor) {
        return Map.of("tco2PerMwh", factor.tco2PerMwh().toPlainString(), "effective", factor.effectiveDates(), "source", factor.source());
    }

    /** The project's emission factors in date order: a handful per project (one per fiscal year at most). */
    private static List<EmissionFactor> emissionFactors(Connection c, String projectId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT factor_t_per_mwh, effective_from, effective_until, source"
                + " FROM emission_factors WHERE project_id = ? ORDER BY effective_from")) {
            select.setString(1, projectId);
            List<EmissionFactor> factors = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    factors.add(new EmissionFactor(rows.getBigDecimal(1), rows.getObject(2, java.time.LocalDate.class),
                            rows.getObject(3, java.time.LocalDate.class), rows.getString(4)));
                }
            }
            return factors;
        }
    }

    private static List<String> deviceIds(Connection c, String projectId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT device_id FROM project_devices WHERE project_id = ? ORDER BY device_id")) {
            select.setString(1, projectId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }
}
