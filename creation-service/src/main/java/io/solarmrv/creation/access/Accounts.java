package io.solarmrv.creation.access;

import io.solarmrv.creation.AuditLog;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * People (username, password hash, role) and machine API tokens (name, SHA-256 of the token,
 * role) in PostgreSQL. Every change is appended to the audit log in its own transaction.
 */
@Singleton
public class Accounts {
    /** API tokens start with this, so a bearer token is told apart from a JWT without a lookup. */
    public static final String TOKEN_PREFIX = "mrv_";
    /** A stored hash to compare against when the username is unknown, so both cases take as long. */
    private static final String UNKNOWN_USER_HASH = PasswordHash.of("no such user");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who holds an account or token, and in which role. */
    public record Holder(String name, String role) {
    }

    /** A person signed in: their role and the credentials version their session carries. */
    public record Person(String username, String role, int credentialsVersion) {
    }

    private final DataSource dataSource;
    private final AuditLog audit;
    private final CredentialVersions versions;

    public Accounts(DataSource dataSource, AuditLog audit, CredentialVersions versions) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.versions = versions;
    }

    /** Loads every account's credentials version into {@link CredentialVersions}: one row per person. */
    void loadCredentialVersions() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT username, credentials_version, disabled_at_ms IS NOT NULL FROM users")) {
            while (rows.next()) {
                versions.set(rows.getString(1), rows.getInt(2), rows.getBoolean(3));
            }
        }
    }

    /** Validates and stores a new person; false if the username is taken. */
    public boolean createUser(String username, String password, String role, String actor) throws SQLException {
        checkName("username", username);
        checkPassword(password);
        Roles.named(role);
        String hash = PasswordHash.of(password);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (username, password_hash, role, created_at_ms)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
                insert.setString(1, username);
                insert.setString(2, hash);
                insert.setString(3, role);
                insert.setLong(4, System.currentTimeMillis());
                if (insert.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            audit.append(c, actor, "user.create", username, "{\"role\":\"" + role + "\"}");
            c.commit();
            versions.set(username, 0, false);
            return true;
        }
    }

    public boolean anyUser() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT EXISTS (SELECT 1 FROM users)")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /**
     * The person, if the account is enabled and the password matches. A disabled account is refused
     * as a wrong password is, after the same hash comparison, so neither answer nor timing tells which.
     */
    public Optional<Person> signIn(String username, String password) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT password_hash, role, credentials_version,"
                     + " disabled_at_ms IS NOT NULL FROM users WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    PasswordHash.matches(password, UNKNOWN_USER_HASH);
                    return Optional.empty();
                }
                boolean matches = PasswordHash.matches(password, row.getString(1));
                return matches && !row.getBoolean(4) ? Optional.of(new Person(username, row.getString(2), row.getInt(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Disables or enables a person's account; either ends every session of it. False if there is no
     * such person.
     */
    public boolean setDisabled(String username, boolean disabled, String actor) throws SQLException {
        return updateCredentials(username, "disabled_at_ms = " + (disabled ? "?" : "NULL"), disabled ? System.currentTimeMillis() : null,
                disabled ? "user.disable" : "user.enable", actor);
    }

    /** Sets a person's password (12 characters or more); every session of the account ends. False if there is no such person. */
    public boolean setPassword(String username, String password, String actor) throws SQLException {
        checkPassword(password);
        return updateCredentials(username, "password_hash = ?", PasswordHash.of(password), "user.password", actor);
    }

    /**
     * One change to a person's credentials: {@code assignment} (one parameter, {@code value}, or none
     * where {@code value} is null), the version bumped, the audit entry, in one transaction; then the
     * in-memory version, so the account's sessions end at once.
     */
    private boolean updateCredentials(String username, String assignment, Object value, String action, String actor)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int version;
            boolean disabled;
            try (PreparedStatement update = c.prepareStatement("UPDATE users SET " + assignment + ", credentials_version ="
                    + " credentials_version + 1 WHERE username = ? RETURNING credentials_version, disabled_at_ms IS NOT NULL")) {
                int next = 1;
                if (value != null) {
                    update.setObject(next++, value);
                }
                update.setString(next, username);
                try (ResultSet row = update.executeQuery()) {
                    if (!row.next()) {
                        c.rollback();
                        return false;
                    }
                    version = row.getInt(1);
                    disabled = row.getBoolean(2);
                }
            }
            audit.append(c, actor, action, username, "{}");
            c.commit();
            versions.set(username, version, disabled);
            return true;
        }
    }

    /** How long a token is valid unless its creator says otherwise, and the most it may be. */
    public static final int DEFAULT_TOKEN_DAYS = 90;
    public static final int MAX_TOKEN_DAYS = 365;

    /** A token as issued: shown once, with when it stops working. */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    /**
     * A new API token for a machine, valid {@code validDays} (1 to {@link #MAX_TOKEN_DAYS}); shown
     * once, stored only as its SHA-256. Empty if the name is taken.
     */
    public Optional<IssuedToken> createToken(String name, String role, int validDays, String actor) throws SQLException {
        checkName("name", name);
        Roles.named(role);
        if (validDays < 1 || validDays > MAX_TOKEN_DAYS) {
            throw new IllegalArgumentException("'validDays' must be 1 to " + MAX_TOKEN_DAYS + " (default " + DEFAULT_TOKEN_DAYS
                    + "), was " + validDays);
        }
        Instant now = Instant.now();
        Instant expiresAt = now.plus(Duration.ofDays(validDays));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO api_tokens (name, token_sha256, role, created_by,"
                    + " created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setBytes(2, sha256(token));
                insert.setString(3, role);
                insert.setString(4, actor);
                insert.setLong(5, now.toEpochMilli());
                insert.setLong(6, expiresAt.toEpochMilli());
                if (insert.executeUpdate() == 0) {
                    c.rollback();
                    return Optional.empty();
                }
            }
            audit.append(c, actor, "token.create", name, "{\"role\":\"" + role + "\",\"expiresAt\":\"" + expiresAt + "\"}");
            c.commit();
            return Optional.of(new IssuedToken(token, expiresAt));
        }
    }

    /** The holder of a token that exists, is not revoked and has not expired. */
    public Optional<Holder> tokenHolder(String token) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT name, role FROM api_tokens WHERE token_sha256 = ? AND revoked_at_ms IS NULL AND expires_at_ms > ?")) {
            select.setBytes(1, sha256(token));
            select.setLong(2, System.currentTimeMillis());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Holder("token:" + row.getString(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * The role of a principal as the service names it: a person's username, or {@code token:<name>}
     * for a live API token. Empty if there is no such account, or the token is revoked or expired.
     */
    public Optional<String> roleOf(String principal) throws SQLException {
        boolean token = principal.startsWith("token:");
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(token
                     ? "SELECT role FROM api_tokens WHERE name = ? AND revoked_at_ms IS NULL AND expires_at_ms > ?"
                     : "SELECT role FROM users WHERE username = ? AND ? > 0")) {
            select.setString(1, token ? principal.substring("token:".length()) : principal);
            select.setLong(2, System.currentTimeMillis());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** Revokes a token for good; false if there is no live token of that name. */
    public boolean revokeToken(String name, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE api_tokens SET revoked_at_ms = ? WHERE name = ? AND revoked_at_ms IS NULL")) {
                update.setLong(1, System.currentTimeMillis());
                update.setString(2, name);
                if (update.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            audit.append(c, actor, "token.revoke", name, "{}");
            c.commit();
            return true;
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("'password' must be at least 12 characters");
        }
    }

    private static void checkName(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("'" + field + "' must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
