package io.solarmrv.creation.registry;

import io.micronaut.json.JsonMapper;
import io.solarmrv.attestation.CoseAlgorithm;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.creation.AuditLog;
import io.solarmrv.creation.access.Memberships;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Sites, devices, their keys and calibrations in PostgreSQL. Bulk changes are all-or-nothing and
 * each is one audit entry, in the same transaction.
 */
@Singleton
public class Registry {
    /** The most devices or key lines one request may carry. */
    public static final int MAX_BATCH = 10_000;

    /** A device with the keys that may sign for it and its calibration certificates. */
    @io.micronaut.serde.annotation.Serdeable
    public record DeviceRecord(Device device, List<String> keys, List<Calibration> calibrations,
                               List<MeterReplacement> meterReplacements) {
    }

    private final DataSource dataSource;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Memberships memberships;

    private final io.solarmrv.creation.LogTiles tiles;

    public Registry(DataSource dataSource, AuditLog audit, JsonMapper json, Memberships memberships,
                    io.solarmrv.creation.LogTiles tiles) {
        this.tiles = tiles;
        this.dataSource = dataSource;
        this.audit = audit;
        this.json = json;
        this.memberships = memberships;
    }

    /** False if a site with this id exists already. */
    public boolean createSite(Site site, String actor) throws SQLException, IOException {
        site.check();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sites (id, name, latitude, longitude, time_zone)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, site.id());
                insert.setString(2, site.name());
                insert.setDouble(3, site.latitude());
                insert.setDouble(4, site.longitude());
                insert.setString(5, site.timeZone());
                if (insert.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            memberships.addOperator(c, site.id(), actor);
            audit.append(c, actor, "site.create", site.id(), json.writeValueAsString(site));
            c.commit();
            return true;
        }
    }

    public Optional<Site> site(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT name, latitude, longitude, time_zone FROM sites WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Site(id, row.getString(1), row.getDouble(2), row.getDouble(3), row.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Registers devices, all or none. Returns the ids already registered, and the meter serials
     * another device has already ({@code meter serial S (device D)}): one physical meter is one device,
     * so its readings count once. Then nothing is stored. An {@link IllegalArgumentException} names a
     * device that is malformed, repeated (by id or by meter serial), or at an unknown site.
     */
    public List<String> registerDevices(List<Device> devices, String actor) throws SQLException, IOException {
        checkBatch(devices.size(), "devices");
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> deviceBySerial = new LinkedHashMap<>();
        for (Device device : devices) {
            device.check();
            if (!ids.add(device.id())) {
                throw new IllegalArgumentException("device " + device.id() + " appears twice in the request");
            }
            String other = deviceBySerial.putIfAbsent(device.meterSerial(), device.id());
            if (other != null) {
                throw new IllegalArgumentException("meter serial " + device.meterSerial() + " is given to devices " + other + " and "
                        + device.id() + ": one meter is one device");
            }
        }
        Set<String> siteIds = devices.stream().map(Device::siteId).collect(Collectors.toCollection(LinkedHashSet::new));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Set<String> unknownSites = new LinkedHashSet<>(siteIds);
            unknownSites.removeAll(existing(c, "sites", siteIds));
            if (!unknownSites.isEmpty()) {
                throw new IllegalArgumentException("unknown site(s): " + first(unknownSites) + "; create them with POST /sites first");
            }
            List<String> taken = new ArrayList<>(existing(c, "devices", ids));
            serialsTaken(c, deviceBySerial.keySet()).forEach((serial, device) -> {
                if (!device.equals(deviceBySerial.get(serial))) {   // the same device again is named by its id above
                    taken.add("meter serial " + serial + " (device " + device + ")");
                }
            });
            if (!taken.isEmpty()) {
                c.rollback();
                return taken;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO devices (id, site_id, gateway_id, kind,"
                    + " meter_serial, nameplate_w, accuracy_class, capacity_wh) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Device d : devices) {
                    insert.setString(1, d.id());
                    insert.setString(2, d.siteId());
                    insert.setString(3, d.gatewayId());
                    insert.setString(4, d.kind());
                    insert.setString(5, d.meterSerial());
                    insert.setLong(6, d.nameplateW());
                    insert.setString(7, d.accuracyClass());
                    insert.setObject(8, d.capacityWh(), java.sql.Types.BIGINT);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                c.rollback();   // another request registered one of these ids or serials since the checks above
                return List.of("one of these device ids or meter serials, registered by another request at the same moment");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("count", devices.size());
            details.put("ids", ids);
            audit.append(c, actor, "devices.register", devices.size() + " devices", json.writeValueAsString(details));
            c.commit();
            return List.of();
        }
    }

    /**
     * Binds keys to registered devices, as {@link #registrationKeys} read them, all or none. A
     * binding already present is left as it is, so sending the same statement twice is harmless.
     * Returns how many bindings are new.
     */
    public int addKeys(List<DeviceRegistry.DeviceKey> keys, String actor) throws SQLException, IOException {
        Set<String> deviceIds = keys.stream().map(DeviceRegistry.DeviceKey::deviceId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Set<String> unknown = new LinkedHashSet<>(deviceIds);
            unknown.removeAll(existing(c, "devices", deviceIds));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unregistered device(s): " + first(unknown) + "; register them with POST /devices first");
            }
            int added = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO device_keys (device_id, algorithm, public_key,"
                    + " valid_from, valid_until) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id, public_key) DO NOTHING")) {
                for (DeviceRegistry.DeviceKey key : keys) {
                    insert.setString(1, key.deviceId());
                    insert.setString(2, key.algorithm().registryName());
                    insert.setBytes(3, key.publicKey());
                    insert.setTimestamp(4, key.validFrom() == null ? null : Timestamp.from(key.validFrom()));
                    insert.setTimestamp(5, key.validUntil() == null ? null : Timestamp.from(key.validUntil()));
                    added += insert.executeUpdate();
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lines", keys.size());
            details.put("added", added);
            details.put("keys", keys.stream().map(DeviceRegistry.DeviceKey::line).toList());
            audit.append(c, actor, "device_keys.add", added + " keys", json.writeValueAsString(details));
            c.commit();
            return added;
        }
    }

    /**
     * The key bindings of registration lines ({@code mrv agent --print-registration}, the {@link
     * DeviceRegistry} text form), read once; an {@link IllegalArgumentException} names a malformed
     * line, too many lines, or none.
     */
    public static List<DeviceRegistry.DeviceKey> registrationKeys(String registrationLines) {
        List<DeviceRegistry.DeviceKey> keys = DeviceRegistry.parse(registrationLines).keys();
        checkBatch(keys.size(), "key lines");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no registration lines: expected '<device-id> <ed25519|es256>:<public key hex>'"
                    + " lines from 'mrv agent --print-registration'");
        }
        return keys;
    }

    /** How a revocation ended. */
    public sealed interface RevocationOutcome {
        /** Revoked from this time on (the earlier of a repeated revocation's times stands). */
        @io.micronaut.serde.annotation.Serdeable
        record Revoked(Instant revokedAt) implements RevocationOutcome {
        }

        /** The device has no such key. */
        record NoSuchKey() implements RevocationOutcome {
        }
    }

    /**
     * Revokes one of a device's keys from {@code revocation.revokedAt()} (default now). Revoking
     * again keeps the earlier time: a revocation only ever widens.
     */
    public RevocationOutcome revokeKey(String deviceId, KeyRevocation revocation, String actor) throws SQLException, IOException {
        revocation.check();
        String[] typeAndKey = revocation.key().strip().split(":", 2);
        CoseAlgorithm algorithm = CoseAlgorithm.ofRegistryName(typeAndKey[0]);
        byte[] publicKey;
        try {
            publicKey = HexFormat.of().parseHex(typeAndKey[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'key': not hex after '" + typeAndKey[0] + ":'");
        }
        Instant at = revocation.revokedAt() == null ? Instant.now() : revocation.revokedAt();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Instant stands;
            try (PreparedStatement update = c.prepareStatement("UPDATE device_keys SET revoked_at = LEAST(COALESCE(revoked_at, ?), ?),"
                    + " revoked_by = COALESCE(revoked_by, ?), revocation_reason = COALESCE(revocation_reason, ?)"
                    + " WHERE device_id = ? AND algorithm = ? AND public_key = ? RETURNING revoked_at")) {
                update.setTimestamp(1, Timestamp.from(at));
                update.setTimestamp(2, Timestamp.from(at));
                update.setString(3, actor);
                update.setString(4, revocation.reason());
                update.setString(5, deviceId);
                update.setString(6, algorithm.registryName());
                update.setBytes(7, publicKey);
                try (ResultSet row = update.executeQuery()) {
                    if (!row.next()) {
                        c.rollback();
                        return new RevocationOutcome.NoSuchKey();
                    }
                    stands = row.getTimestamp(1).toInstant();
                }
            }
            int voided = voidReadingsSignedFrom(c, deviceId, new DeviceRegistry.DeviceKey(deviceId, algorithm, publicKey, null, null)
                    .keyId(), stands);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("key", algorithm.registryName() + ":" + HexFormat.of().formatHex(publicKey));
            details.put("revokedAt", stands.toString());
            details.put("reason", revocation.reason());
            details.put("voidedReadings", voided);
            audit.append(c, actor, "device_key.revoke", deviceId, json.writeValueAsString(details));
            c.commit();
            return new RevocationOutcome.Revoked(stands);
        }
    }

    /**
     * Voids the device's logged readings signed with the key and stamped at or after {@code from}:
     * the job accepted them before it knew of the revocation. Reads only that device's readings
     * from then on (the log's index rows of those hours, streamed, and each reading's envelope from
     * the tiles, for the key that signed it); returns how many were voided.
     */
    private int voidReadingsSignedFrom(Connection c, String deviceId, byte[] keyId, Instant from) throws SQLException {
        int[] voided = {0};
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO voided_readings (device_id, seq, ts_ms, reason)"
                + " VALUES (?, ?, ?, 'key_revoked') ON CONFLICT DO NOTHING")) {
            new io.solarmrv.results.LogIndex(c).forEach(deviceId, from.toEpochMilli(), Long.MAX_VALUE, io.solarmrv.results.LogIndex.ALL,
                    reading -> {
                        if (!java.util.Arrays.equals(keyId, tiles.signedReading(reading.leafIndex(), deviceId).keyId())) {
                            return;   // signed with another of the device's keys (its replacement)
                        }
                        insert.setString(1, deviceId);
                        insert.setLong(2, reading.sequence());
                        insert.setLong(3, reading.timestampMillis());
                        insert.addBatch();
                        if (++voided[0] % 1_000 == 0) {
                            insert.executeBatch();
                        }
                    });
            insert.executeBatch();
        }
        return voided[0];
    }

    /**
     * Every key binding and every device's meters in the registry's text form, which {@code mrv jobs
     * --registry} reads: the job then rejects a reading signed for a device but carrying another
     * meter's serial.
     */
    public String registryText() throws SQLException {
        StringBuilder text = new StringBuilder("# solar-mrv device registry: <device-id> <algorithm>:<public key hex> [validity]\n"
                + "# and <device-id> meter:<serial> [from-sequence=<n>]\n");
        try (Connection c = dataSource.getConnection()) {
            for (DeviceRegistry.DeviceKey key : keys(c, null)) {
                text.append(key.line()).append('\n');
            }
            Map<String, List<MeterReplacement>> replacements = new LinkedHashMap<>();
            try (Statement select = c.createStatement(); ResultSet rows = select.executeQuery("SELECT device_id, final_sequence,"
                    + " old_serial, new_serial FROM meter_replacements ORDER BY device_id, final_sequence")) {
                while (rows.next()) {
                    replacements.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                            .add(new MeterReplacement(rows.getLong(2), rows.getString(3), rows.getString(4)));
                }
            }
            try (Statement select = c.createStatement();
                 ResultSet rows = select.executeQuery("SELECT id, meter_serial FROM devices ORDER BY id")) {
                while (rows.next()) {
                    for (DeviceRegistry.MeterSerial meter : MeterReplacement.meters(rows.getString(1), rows.getString(2),
                            replacements.getOrDefault(rows.getString(1), List.of()))) {
                        text.append(meter.line()).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    /**
     * The readings job's quality profiles ({@code mrv jobs --quality}, format in docs/QUALITY.md):
     * for every project, its registered devices with their nameplates, in one block per site so
     * that each block has the site's position. A block is named after the project, or
     * {@code <project>@<site>} when the project spans several sites. A device in more than one
     * project is listed under the first (by id) with a comment: the job checks a device once.
     * Thresholds are the defaults; a project changes them with {@code threshold.<name>} lines.
     */
    public String qualityProfiles() throws SQLException {
        Map<String, Map<String, Map<String, Long>>> devicesBySiteByProject = new LinkedHashMap<>();
        Map<String, double[]> sitePositions = new LinkedHashMap<>();
        Map<String, String> firstProject = new LinkedHashMap<>();
        StringBuilder notes = new StringBuilder();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT pd.project_id, s.id, s.latitude, s.longitude, d.id,"
                     + " d.nameplate_w FROM project_devices pd JOIN devices d ON d.id = pd.device_id"
                     + " JOIN sites s ON s.id = d.site_id ORDER BY pd.project_id, s.id, d.id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String project = rows.getString(1);
                String site = rows.getString(2);
                String device = rows.getString(5);
                String earlier = firstProject.putIfAbsent(device, project);
                if (earlier != null) {
                    notes.append("# ").append(device).append(" is also in project ").append(project)
                            .append(": checked with ").append(earlier).append("'s settings\n");
                    continue;
                }
                sitePositions.put(site, new double[] {rows.getDouble(3), rows.getDouble(4)});
                devicesBySiteByProject.computeIfAbsent(project, p -> new LinkedHashMap<>())
                        .computeIfAbsent(site, s -> new LinkedHashMap<>()).put(device, rows.getLong(6));
            }
        }
        List<io.solarmrv.results.QualityProfileFile.Block> blocks = new ArrayList<>();
        devicesBySiteByProject.forEach((project, bySite) -> bySite.forEach((site, devices) -> {
            double[] position = sitePositions.get(site);
            blocks.add(new io.solarmrv.results.QualityProfileFile.Block(bySite.size() == 1 ? project : project + "@" + site, devices,
                    position[0], position[1], null, Map.of()));
        }));
        return io.solarmrv.results.QualityProfileFile.write("solar-mrv quality profiles for the readings job (mrv jobs --quality FILE),"
                + " from the registry; format and thresholds in docs/QUALITY.md", blocks, notes.toString());
    }

    /**
     * The registered devices among {@code ids} and every other device at their sites, by id: what a
     * methodology needs to know of a project's devices (their roles, and a battery at one of their
     * sites that is not in the project).
     */
    public Map<String, Device> devicesAndSiteNeighbours(Collection<String> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, site_id, gateway_id, kind, meter_serial, nameplate_w,"
                     + " accuracy_class, capacity_wh FROM devices WHERE site_id IN (SELECT site_id FROM devices WHERE id = ANY (?)) ORDER BY id")) {
            select.setArray(1, c.createArrayOf("text", ids.toArray()));
            Map<String, Device> devices = new LinkedHashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    devices.put(row.getString(1), new Device(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getLong(6), row.getString(7), row.getObject(8, Long.class)));
                }
            }
            return devices;
        }
    }

    public Optional<DeviceRecord> device(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT site_id, gateway_id, kind, meter_serial, nameplate_w,"
                     + " accuracy_class, capacity_wh FROM devices WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Device device = new Device(id, row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getLong(5), row.getString(6), row.getObject(7, Long.class));
                List<String> keys = keys(c, id).stream().map(DeviceRegistry.DeviceKey::line).toList();
                return Optional.of(new DeviceRecord(device, keys, calibrations(c, id), meterReplacements(c, id)));
            }
        }
    }

    /** Records a certificate; empty if the device is unknown, false if the certificate is recorded already. */
    public Optional<Boolean> addCalibration(String deviceId, Calibration calibration, String actor)
            throws SQLException, IOException {
        calibration.check();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (existing(c, "devices", List.of(deviceId)).isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO calibrations (device_id, certificate_id, issuer,"
                    + " calibrated_on, valid_until, document_sha256) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (device_id, certificate_id) DO NOTHING")) {
                insert.setString(1, deviceId);
                insert.setString(2, calibration.certificateId());
                insert.setString(3, calibration.issuer());
                insert.setDate(4, Date.valueOf(calibration.calibratedOn()));
                insert.setDate(5, Date.valueOf(calibration.validUntil()));
                insert.setString(6, calibration.documentSha256());
                if (insert.executeUpdate() == 0) {
                    c.rollback();
                    return Optional.of(false);
                }
            }
            audit.append(c, actor, "calibration.add", deviceId, json.writeValueAsString(calibration));
            c.commit();
            return Optional.of(true);
        }
    }

    /** What {@link #recordMeterReplacement} answers. */
    public sealed interface ReplacementOutcome {
        /** Recorded; the device's serial is the new one. */
        record Recorded() implements ReplacementOutcome {
        }

        /** No such device. */
        record NoDevice() implements ReplacementOutcome {
        }

        /** Not recorded, and why (the device has another serial now, or a later replacement is recorded). */
        record Conflict(String reason) implements ReplacementOutcome {
        }
    }

    /**
     * Records that the meter behind a device was replaced after its reading {@code finalSequence}: the
     * old serial must be the device's registered one, and replacements are recorded in order. The
     * device's registered serial becomes the new one, in the same transaction.
     */
    public ReplacementOutcome recordMeterReplacement(String deviceId, MeterReplacement replacement, String actor)
            throws SQLException, IOException {
        replacement.check();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String serial;
            try (PreparedStatement select = c.prepareStatement("SELECT meter_serial FROM devices WHERE id = ? FOR UPDATE")) {
                select.setString(1, deviceId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        c.rollback();
                        return new ReplacementOutcome.NoDevice();
                    }
                    serial = row.getString(1);
                }
            }
            if (!serial.equals(replacement.oldSerial())) {
                c.rollback();
                return new ReplacementOutcome.Conflict("device " + deviceId + "'s registered meter is " + serial + ", not "
                        + replacement.oldSerial() + ": a replacement starts from the registered meter");
            }
            String holder = serialsTaken(c, List.of(replacement.newSerial())).get(replacement.newSerial());
            if (holder != null) {
                c.rollback();
                return new ReplacementOutcome.Conflict("meter serial " + replacement.newSerial() + " is registered to device " + holder
                        + ": one meter is one device, so it cannot also be " + deviceId + "'s");
            }
            List<MeterReplacement> earlier = meterReplacements(c, deviceId);
            if (!earlier.isEmpty() && earlier.get(earlier.size() - 1).finalSequence() >= replacement.finalSequence()) {
                c.rollback();
                return new ReplacementOutcome.Conflict("device " + deviceId + " has a replacement recorded after reading #"
                        + earlier.get(earlier.size() - 1).finalSequence() + "; a later one must follow it");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO meter_replacements (device_id, final_sequence,"
                    + " old_serial, new_serial, recorded_by) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement update = c.prepareStatement("UPDATE devices SET meter_serial = ? WHERE id = ?")) {
                insert.setString(1, deviceId);
                insert.setLong(2, replacement.finalSequence());
                insert.setString(3, replacement.oldSerial());
                insert.setString(4, replacement.newSerial());
                insert.setString(5, actor);
                insert.executeUpdate();
                update.setString(1, replacement.newSerial());
                update.setString(2, deviceId);
                update.executeUpdate();
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                c.rollback();
                return new ReplacementOutcome.Conflict("meter serial " + replacement.newSerial() + " was registered to another device"
                        + " at the same moment: one meter is one device, so it cannot also be " + deviceId + "'s");
            }
            audit.append(c, actor, "meter.replace", deviceId, json.writeValueAsString(replacement));
            c.commit();
            return new ReplacementOutcome.Recorded();
        }
    }

    private static List<MeterReplacement> meterReplacements(Connection c, String deviceId) throws SQLException {
        List<MeterReplacement> replacements = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT final_sequence, old_serial, new_serial FROM meter_replacements"
                + " WHERE device_id = ? ORDER BY final_sequence")) {
            select.setString(1, deviceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    replacements.add(new MeterReplacement(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
        }
        return replacements;
    }

    private static List<DeviceRegistry.DeviceKey> keys(Connection c, String deviceId) throws SQLException {
        String sql = "SELECT device_id, algorithm, public_key, valid_from, valid_until, revoked_at FROM device_keys"
                + (deviceId == null ? "" : " WHERE device_id = ?") + " ORDER BY device_id, valid_from NULLS FIRST, public_key";
        List<DeviceRegistry.DeviceKey> keys = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (deviceId != null) {
                select.setString(1, deviceId);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp from = rows.getTimestamp(4);
                    Timestamp until = rows.getTimestamp(5);
                    Timestamp revoked = rows.getTimestamp(6);
                    keys.add(new DeviceRegistry.DeviceKey(rows.getString(1), CoseAlgorithm.ofRegistryName(rows.getString(2)),
                            rows.getBytes(3), from == null ? null : from.toInstant(), until == null ? null : until.toInstant(),
                            revoked == null ? null : revoked.toInstant()));
                }
            }
        }
        return keys;
    }

    private static List<Calibration> calibrations(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT certificate_id, issuer, calibrated_on, valid_until,"
                + " document_sha256 FROM calibrations WHERE device_id = ? ORDER BY calibrated_on")) {
            select.setString(1, deviceId);
            List<Calibration> calibrations = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    calibrations.add(new Calibration(rows.getString(1), rows.getString(2), rows.getDate(3).toLocalDate(),
                            rows.getDate(4).toLocalDate(), rows.getString(5)));
                }
            }
            return calibrations;
        }
    }

    /** Which of {@code ids} are present in {@code table}'s id column. */
    private static Set<String> existing(Connection c, String table, Collection<String> ids) throws SQLException {
        Array array = c.createArrayOf("text", ids.toArray());
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM " + table + " WHERE id = ANY (?)")) {
            select.setArray(1, array);
            Set<String> found = new LinkedHashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    /** True if the statement broke a unique index (SQLSTATE 23505), here or in a batch's chained exceptions. */
    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if ("23505".equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Which of {@code serials} a registered device has, and which device. */
    private static Map<String, String> serialsTaken(Connection c, Collection<String> serials) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT meter_serial, id FROM devices WHERE meter_serial = ANY (?)")) {
            select.setArray(1, c.createArrayOf("text", serials.toArray()));
            Map<String, String> taken = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    taken.put(rows.getString(1), rows.getString(2));
                }
            }
            return taken;
        }
    }

    private static void checkBatch(int size, String what) {
        if (size > MAX_BATCH) {
            throw new IllegalArgumentException(size + " " + what + " in one request; at most " + MAX_BATCH + ", split the file");
        }
    }

    private static String first(Collection<String> ids) {
        return ids.stream().limit(10).collect(Collectors.joining(", ")) + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : "");
    }
}
