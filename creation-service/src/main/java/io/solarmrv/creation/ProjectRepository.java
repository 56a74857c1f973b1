package io.solarmrv.creation;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
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

    public ProjectRepository(DataSource dataSource, AuditLog audit, JsonMapper json) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Stores a new project and its audit entry in one transaction; returns false if a project with
     * its id exists already (and records nothing).
     */
    public boolean create(Project project, String actor) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO projects (id, name, methodology, emission_factor_t_per_mwh, description, scheme, host_country,"
                            + " device_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, project.id());
                insert.setString(2, project.name());
                insert.setString(3, project.methodology());
                insert.setBigDecimal(4, project.emissionFactorTco2PerMwh());
                insert.setString(5, project.description());
                insert.setString(6, project.schemeOrDefault());
                insert.setString(7, project.hostCountry());
                insert.setInt(8, project.deviceIds().size());
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
            try (PreparedStatement factor = c.prepareStatement(
                    "INSERT INTO project_emission_factors (project_id, fiscal_year, factor_t_per_mwh) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, BigDecimal> e : project.emissionFactorsByFiscalYear().entrySet()) {
                    factor.setString(1, project.id());
                    factor.setInt(2, Integer.parseInt(e.getKey()));
                    factor.setBigDecimal(3, e.getValue());
                    factor.addBatch();
                }
                factor.executeBatch();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("name", project.name());
            details.put("methodology", project.methodology());
            details.put("emissionFactorTco2PerMwh", project.emissionFactorTco2PerMwh().toPlainString());
            details.put("deviceIds", project.deviceIds());
            details.put("scheme", project.schemeOrDefault());
            details.put("hostCountry", project.hostCountry());
            if (!project.emissionFactorsByFiscalYear().isEmpty()) {
                Map<String, String> factors = new java.util.TreeMap<>();
                project.emissionFactorsByFiscalYear().forEach((year, factor) -> factors.put(year, factor.toPlainString()));
                details.put("emissionFactorsByFiscalYear", factors);
            }
            audit.append(c, actor, "project.create", project.id(), json.writeValueAsString(details));
            c.commit();
            return true;
        }
    }

    public Optional<Project> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT name, methodology, emission_factor_t_per_mwh, description, scheme, host_country FROM projects WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String name = row.getString(1);
                String methodology = row.getString(2);
                BigDecimal ef = row.getBigDecimal(3);
                String description = row.getString(4);
                return Optional.of(new Project(id, name, methodology, ef, deviceIds(c, id), description, row.getString(5),
                        row.getString(6), fiscalYearFactors(c, id)));
            }
        }
    }

    /** The project without its device list (one query), or empty if there is no such project. */
    public Optional<ProjectSummary> summary(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT name, methodology, emission_factor_t_per_mwh, device_count,"
                     + " description, scheme, host_country FROM projects WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String scheme = row.getString(6);
                return Optional.of(new ProjectSummary(id, row.getString(1), row.getString(2), row.getBigDecimal(3), row.getInt(4),
                        row.getString(5), scheme, row.getString(7), "J-Credit".equals(scheme) ? fiscalYearFactors(c, id) : Map.of()));
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

    private static Map<String, BigDecimal> fiscalYearFactors(Connection c, String projectId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT fiscal_year, factor_t_per_mwh FROM project_emission_factors WHERE project_id = ? ORDER BY fiscal_year")) {
            select.setString(1, projectId);
            Map<String, BigDecimal> factors = new java.util.TreeMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    factors.put(String.valueOf(rows.getInt(1)), rows.getBigDecimal(2));
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
