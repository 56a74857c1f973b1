package io.solarmrv.creation.access;

import io.solarmrv.creation.AuditLog;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * Where each principal may act: the members of each project and the operators of each site, in
 * PostgreSQL ({@code project_members}, {@code site_operators}). A role says what a principal may
 * do; a membership says on which project or site. Administrators and auditors belong everywhere
 * ({@link #isEverywhere}) and are never listed. Whoever registers a project is its first member and
 * whoever creates a site its first operator, in the same transaction ({@link #addMember(Connection,
 * String, String)}, {@link #addOperator(Connection, String, String)}); everyone else is added by the
 * registry administrator. Every change is appended to the audit log.
 *
 * <p>Who reaches what:
 * <ul>
 *   <li>a project, its periods, reports, evidence, cycle and allocation: its members;</li>
 *   <li>a site or a device, to change it (devices, keys, calibrations, meter replacements): the
 *   site's operators;</li>
 *   <li>a site or a device, to read it: its operators, and the members of a project that monitors
 *   a device there.</li>
 * </ul>
 */
@Singleton
public class Memberships {
    /** The roles a project may list as members; administrators and auditors reach every project. */
    static final List<String> MEMBER_ROLES = List.of(Roles.CREATOR, Roles.VERIFIER, Roles.OPERATOR);

    private final DataSource dataSource;
    private final AuditLog audit;

    public Memberships(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** True for the roles that reach every project and site without a membership. */
    public static boolean isEverywhere(Collection<String> roles) {
        return roles.contains(Roles.ADMIN) || roles.contains(Roles.AUDITOR);
    }

    /** Makes {@code member} a member of the project, inside the caller's transaction (the project's registration). */
    public void addMember(Connection c, String projectId, String member) throws SQLException {
        update(c, "INSERT INTO project_members (project_id, member) VALUES (?, ?) ON CONFLICT DO NOTHING", projectId, member);
    }

    /** Makes {@code operator} an operator of the site, inside the caller's transaction (the site's creation). */
    public void addOperator(Connection c, String siteId, String operator) throws SQLException {
        update(c, "INSERT INTO site_operators (site_id, operator) VALUES (?, ?) ON CONFLICT DO NOTHING", siteId, operator);
    }

    public boolean isMember(String projectId, String principal) throws SQLException {
        return exists("SELECT 1 FROM project_members WHERE project_id = ? AND member = ?", projectId, principal);
    }

    public boolean operatesSite(String siteId, String principal) throws SQLException {
        return exists("SELECT 1 FROM site_operators WHERE site_id = ? AND operator = ?", siteId, principal);
    }

    /** True if the principal operates the site the device is at. */
    public boolean operatesDevice(String deviceId, String principal) throws SQLException {
        return exists("SELECT 1 FROM devices d JOIN site_operators o ON o.site_id = d.site_id WHERE d.id = ? AND o.operator = ?",
                deviceId, principal);
    }

    /** True if the principal is a member of a project that monitors a device at the site. */
    public boolean monitorsAtSite(String siteId, String principal) throws SQLException {
        return exists("SELECT 1 FROM devices d JOIN project_devices pd ON pd.device_id = d.id"
                + " JOIN project_members m ON m.project_id = pd.project_id WHERE d.site_id = ? AND m.member = ? LIMIT 1",
                siteId, principal);
    }

    /** True if the principal is a member of a project that monitors the device. */
    public boolean monitorsDevice(String deviceId, String principal) throws SQLException {
        return exists("SELECT 1 FROM project_devices pd JOIN project_members m ON m.project_id = pd.project_id"
                + " WHERE pd.device_id = ? AND m.member = ? LIMIT 1", deviceId, principal);
    }

    /**
     * Those of the sites that exist and the principal does not operate, in the order given. An unknown
     * site is left for the registry to name as unknown.
     */
    public List<String> sitesNotOperated(Collection<String> siteIds, String principal) throws SQLException {
        return notIn("sites", "SELECT site_id FROM site_operators WHERE operator = ?", siteIds, principal);
    }

    /** Those of the devices that exist and are at no site the principal operates, in the order given. */
    public List<String> devicesNotOperated(Collection<String> deviceIds, String principal) throws SQLException {
        return notIn("devices", "SELECT d.id FROM devices d JOIN site_operators o ON o.site_id = d.site_id WHERE o.operator = ?",
                deviceIds, principal);
    }

    /** True if there is a project, site or device of this id. */
    boolean exists(Table table, String id) throws SQLException {
        return exists("SELECT 1 FROM " + table.name().toLowerCase() + " WHERE id = ?", id);
    }

    /** The tables whose rows are scoped. */
    enum Table { PROJECTS, SITES, DEVICES }

    /** The project's members, in name order. */
    public List<String> members(String projectId) throws SQLException {
        return names("SELECT member FROM project_members WHERE project_id = ? ORDER BY member", projectId);
    }

    /** The site's operators, in name order. */
    public List<String> operators(String siteId) throws SQLException {
        return names("SELECT operator FROM site_operators WHERE site_id = ? ORDER BY operator", siteId);
    }

    /** The projects the principal is a member of, in id order. */
    public List<String> projectsOf(String principal) throws SQLException {
        return names("SELECT project_id FROM project_members WHERE member = ? ORDER BY project_id", principal);
    }

    /** Adds or removes a project member or site operator as {@code actor}; false if there was nothing to change. */
    boolean change(Change change, String target, String principal, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (update(c, change.sql, target, principal) == 0) {
                c.rollback();
                return false;
            }
            audit.append(c, actor, change.action, target, "{\"principal\":\"" + principal.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            c.commit();
            return true;
        }
    }

    /** The four changes an administrator makes, each with its statement and audit action. */
    enum Change {
        ADD_MEMBER("INSERT INTO project_members (project_id, member) VALUES (?, ?) ON CONFLICT DO NOTHING", "project.member.add"),
        REMOVE_MEMBER("DELETE FROM project_members WHERE project_id = ? AND member = ?", "project.member.remove"),
        ADD_OPERATOR("INSERT INTO site_operators (site_id, operator) VALUES (?, ?) ON CONFLICT DO NOTHING", "site.operator.add"),
        REMOVE_OPERATOR("DELETE FROM site_operators WHERE site_id = ? AND operator = ?", "site.operator.remove");

        private final String sql;
        private final String action;

        Change(String sql, String action) {
            this.sql = sql;
            this.action = action;
        }
    }

    private static int update(Connection c, String sql, String first, String second) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, first);
            statement.setString(2, second);
            return statement.executeUpdate();
        }
    }

    private boolean exists(String sql, String... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private List<String> notIn(String table, String operatedSql, Collection<String> ids, String principal) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT id FROM unnest(?::text[]) WITH ORDINALITY AS given (id, n) WHERE id IN (SELECT id FROM " + table + ")"
                        + " AND id NOT IN (" + operatedSql + ") ORDER BY n")) {
            select.setArray(1, c.createArrayOf("text", ids.toArray()));
            select.setString(2, principal);
            try (ResultSet rows = select.executeQuery()) {
                List<String> outside = new ArrayList<>();
                while (rows.next()) {
                    outside.add(rows.getString(1));
                }
                return outside;
            }
        }
    }

    private List<String> names(String sql, String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }
}
