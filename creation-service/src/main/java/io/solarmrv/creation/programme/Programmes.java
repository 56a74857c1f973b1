package io.solarmrv.creation.programme;

import io.micronaut.core.annotation.Nullable;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.solarmrv.creation.AuditLog;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The member sites of programme-type projects ({@link MemberSite}), in PostgreSQL table
 * {@code programme_members}. Enrolling takes a batch of sites in one transaction under a lock on the
 * table, so two enrolments can never put one site in two programmes on the same day; each enrolled
 * site's registered devices join the project's devices. Every change is audited. A project with no
 * member is an ordinary project; one with members is a programme, whose reports count only members
 * crediting throughout the period ({@link Membership}).
 */
@Singleton
public class Programmes {
    /** At most this many sites in one request: split larger onboarding files. */
    public static final int MAX_BATCH = 10_000;

    private final DataSource dataSource;
    private final AuditLog audit;

    public Programmes(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** The project's memberships, by site then joining date. */
    public List<MemberSite> members(String projectId) throws SQLException {
        return select(projectId, "", "");
    }

    /** One site's memberships of the project, by joining date. */
    public List<MemberSite> membershipsOf(String projectId, String siteId) throws SQLException {
        return select(projectId, " AND site_id = ?", siteId);
    }

    /** How many sites have been members of the project, ever. */
    public long siteCount(String projectId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT count(DISTINCT site_id) FROM programme_members WHERE project_id = ?")) {
            count.setString(1, projectId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private List<MemberSite> select(String projectId, String condition, String value) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT site_id, consent_sha256, eligibility_sha256, joined_on,"
                     + " crediting_start_on, left_on, data_source FROM programme_members WHERE project_id = ?" + condition
                     + " ORDER BY site_id, joined_on")) {
            select.setString(1, projectId);
            if (!condition.isEmpty()) {
                select.setString(2, value);
            }
            List<MemberSite> members = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    members.add(memberAt(row));
                }
            }
            return members;
        }
    }

    private static MemberSite memberAt(ResultSet row) throws SQLException {
        Date left = row.getDate(6);
        return new MemberSite(row.getString(1), row.getString(2), row.getString(3), row.getDate(4).toLocalDate(),
                row.getDate(5).toLocalDate(), left == null ? null : left.toLocalDate(), row.getString(7));
    }

    /**
     * Up to {@code limit} member sites of the project after site {@code after} (null: from the
     * first), in site order, each with all its memberships of the project; {@code next} is the last
     * site on the page when more follow.
     */
    public MemberPage page(String projectId, @Nullable String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT site_id, consent_sha256, eligibility_sha256, joined_on,"
                     + " crediting_start_on, left_on, data_source FROM programme_members WHERE project_id = ? AND site_id IN"
                     + " (SELECT DISTINCT site_id FROM programme_members WHERE project_id = ? AND site_id > ? ORDER BY site_id LIMIT ?)"
                     + " ORDER BY site_id, joined_on")) {
            select.setString(1, projectId);
            select.setString(2, projectId);
            select.setString(3, after == null ? "" : after);
            select.setInt(4, limit + 1);
            List<MemberSite> members = new ArrayList<>();
            java.util.LinkedHashSet<String> sites = new java.util.LinkedHashSet<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    MemberSite member = memberAt(row);
                    sites.add(member.siteId());
                    if (sites.size() <= limit) {
                        members.add(member);
                    }
                }
            }
            boolean more = sites.size() > limit;
            return new MemberPage(members, more ? members.get(members.size() - 1).siteId() : null);
        }
    }

    /**
     * Enrols the sites in the J-Credit project, all or none: each must be onboarded with devices, in
     * no other programme on any of its days (nor twice in the batch), and none of its devices in a
     * project it is not a member of.
     *
     * @throws HttpStatusException 400 for a malformed member or batch, 409 naming each conflict
     */
    public void enrol(String projectId, List<MemberSite> sites, String actor) throws SQLException {
        if (sites == null || sites.isEmpty() || sites.size() > MAX_BATCH) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "enrol 1 to " + MAX_BATCH + " sites in one request, was "
                    + (sites == null ? 0 : sites.size()));
        }
        for (MemberSite site : sites) {
            try {
                site.check();
            } catch (IllegalArgumentException e) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("LOCK TABLE programme_members IN SHARE ROW EXCLUSIVE MODE")) {
                lock.execute();
            }
            List<String> conflicts = new ArrayList<>();
            Map<String, List<MemberSite>> bySite = new HashMap<>();
            for (MemberSite site : sites) {
                bySite.computeIfAbsent(site.siteId(), s -> new ArrayList<>()).add(site);
            }
            Map<String, List<String>> devices = devicesAt(c, bySite.keySet());
            Map<String, List<String[]>> memberships = memberships(c, bySite.keySet());
            Map<String, List<String>> elsewhere = inOtherProjects(c, projectId,
                    devices.values().stream().flatMap(List::stream).toList());
            for (Map.Entry<String, List<MemberSite>> site : new java.util.TreeMap<>(bySite).entrySet()) {
                if (!devices.containsKey(site.getKey())) {
                    conflicts.add("site " + site.getKey() + " has no registered devices (onboard the site and its meters first)");
                    continue;
                }
                List<MemberSite> batch = site.getValue();
                for (int i = 0; i < batch.size(); i++) {
                    for (int j = i + 1; j < batch.size(); j++) {
                        if (batch.get(i).overlaps(batch.get(j).joinedOn(), batch.get(j).leftOn())) {
                            conflicts.add("site " + site.getKey() + " is given twice for overlapping days in this request");
                        }
                    }
                }
                for (String[] other : memberships.getOrDefault(site.getKey(), List.of())) {
                    for (MemberSite candidate : batch) {
                        if (candidate.overlaps(LocalDate.parse(other[1]), other[2] == null ? null : LocalDate.parse(other[2]))) {
                            conflicts.add("site " + site.getKey() + " is a member of project " + other[0] + " from " + other[1]
                                    + (other[2] == null ? " on" : " to " + other[2]) + ": a site is in at most one project on any day");
                        }
                    }
                }
                conflicts.addAll(elsewhere.getOrDefault(site.getKey(), List.of()));
            }
            if (!conflicts.isEmpty()) {
                c.rollback();
                throw new HttpStatusException(HttpStatus.CONFLICT, "nothing enrolled: " + String.join("; ", conflicts));
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO programme_members (project_id, site_id, consent_sha256,"
                    + " eligibility_sha256, joined_on, crediting_start_on, left_on, data_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement device = c.prepareStatement("INSERT INTO project_devices (project_id, device_id) VALUES (?, ?)"
                         + " ON CONFLICT DO NOTHING")) {
                for (MemberSite site : sites) {
                    insert.setString(1, projectId);
                    insert.setString(2, site.siteId());
                    insert.setString(3, site.consentSha256());
                    insert.setString(4, site.eligibilitySha256());
                    insert.setDate(5, Date.valueOf(site.joinedOn()));
                    insert.setDate(6, Date.valueOf(site.creditingStartOn()));
                    insert.setDate(7, site.leftOn() == null ? null : Date.valueOf(site.leftOn()));
                    insert.setString(8, site.dataSource());
                    insert.addBatch();
                    for (String deviceId : devices.get(site.siteId())) {
                        device.setString(1, projectId);
                        device.setString(2, deviceId);
                        device.addBatch();
                    }
                }
                insert.executeBatch();
                device.executeBatch();
            }
            try (PreparedStatement count = c.prepareStatement("UPDATE projects SET device_count = (SELECT count(*) FROM project_devices"
                    + " WHERE project_id = ?) WHERE id = ?")) {
                count.setString(1, projectId);
                count.setString(2, projectId);
                count.executeUpdate();
            }
            audit.append(c, actor, "programme.enrol", projectId, sites.size() + " site(s): " + sites.stream().limit(20)
                    .map(MemberSite::siteId).toList() + (sites.size() > 20 ? " ..." : ""));
            c.commit();
        }
    }

    /**
     * Records that a member site leaves the programme at the start of {@code leftOn}; false if the site
     * has no open membership of the project.
     */
    public boolean leave(String projectId, String siteId, LocalDate leftOn, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE programme_members SET left_on = ? WHERE project_id = ?"
                    + " AND site_id = ? AND left_on IS NULL AND joined_on < ?")) {
                update.setDate(1, Date.valueOf(leftOn));
                update.setString(2, projectId);
                update.setString(3, siteId);
                update.setDate(4, Date.valueOf(leftOn));
                if (update.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            audit.append(c, actor, "programme.leave", projectId + "/" + siteId, "left on " + leftOn);
            c.commit();
            return true;
        }
    }

    /**
     * Why these devices cannot join an ordinary project: each one whose site is, or was, a member of
     * a programme (a site is in one project on any day; an ordinary project holds its devices for
     * all time). Empty if none is.
     */
    public List<String> programmeSitesOf(java.util.Collection<String> deviceIds) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT d.id, d.site_id, m.project_id FROM devices d"
                     + " JOIN programme_members m ON m.site_id = d.site_id WHERE d.id = ANY (?) ORDER BY d.id, m.project_id")) {
            select.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add("device " + row.getString(1) + " is at site " + row.getString(2) + ", a member of programme "
                            + row.getString(3));
                }
            }
        }
        return found;
    }

    private static Map<String, List<String>> devicesAt(Connection c, java.util.Collection<String> sites) throws SQLException {
        Map<String, List<String>> devices = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT site_id, id FROM devices WHERE site_id = ANY (?) ORDER BY id")) {
            select.setArray(1, c.createArrayOf("text", sites.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    devices.computeIfAbsent(row.getString(1), s -> new ArrayList<>()).add(row.getString(2));
                }
            }
        }
        return devices;
    }

    /** The site's memberships of any project: {project, joined, left or null}. */
    /** Every membership of the given sites, of any project, by site: {project, joined, left (null: open)}. */
    private static Map<String, List<String[]>> memberships(Connection c, java.util.Collection<String> sites) throws SQLException {
        Map<String, List<String[]>> found = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT site_id, project_id, joined_on, left_on FROM programme_members"
                + " WHERE site_id = ANY (?)")) {
            select.setArray(1, c.createArrayOf("text", sites.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Date left = row.getDate(4);
                    found.computeIfAbsent(row.getString(1), s -> new ArrayList<>()).add(new String[] {row.getString(2),
                            row.getDate(3).toString(), left == null ? null : left.toString()});
                }
            }
        }
        return found;
    }

    /**
     * The sites' devices that are in another project of which their site is not a member (a project
     * for all time), by site, in one query for the whole batch.
     */
    private static Map<String, List<String>> inOtherProjects(Connection c, String projectId, java.util.Collection<String> devices)
            throws SQLException {
        Map<String, List<String>> conflicts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT pd.device_id, d.site_id, pd.project_id FROM project_devices pd"
                + " JOIN devices d ON d.id = pd.device_id WHERE pd.device_id = ANY (?) AND pd.project_id <> ? AND NOT EXISTS"
                + " (SELECT 1 FROM programme_members m WHERE m.project_id = pd.project_id AND m.site_id = d.site_id)"
                + " ORDER BY pd.device_id")) {
            select.setArray(1, c.createArrayOf("text", devices.toArray()));
            select.setString(2, projectId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    conflicts.computeIfAbsent(row.getString(2), s -> new ArrayList<>()).add("device " + row.getString(1) + " of site "
                            + row.getString(2) + " is in project " + row.getString(3));
                }
            }
        }
        return conflicts;
    }
}
