package io.solarmrv.launcher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may sign in to the embedded broker, and to which topics each may publish and subscribe: the
 * same accounts and ACL docs/SECURITY.md gives for Mosquitto. Passwords are generated per run
 * ({@link #randomPassword}) and kept here only as SHA-256 digests, compared in constant time.
 * Accounts can be added while the broker runs (a gateway onboarded); thread-safe.
 */
public final class BrokerAccounts {
    /** One account: its password's SHA-256, the topic filters it may publish to and subscribe to. */
    public record Account(String username, byte[] passwordSha256, List<String> publish, List<String> subscribe) {
        public Account {
            publish = List.copyOf(publish);
            subscribe = List.copyOf(subscribe);
            passwordSha256 = passwordSha256.clone();
        }

        /** An account with this password. */
        public static Account of(String username, String password, List<String> publish, List<String> subscribe) {
            return new Account(username, sha256(password.getBytes(StandardCharsets.UTF_8)), publish, subscribe);
        }
    }

    private final Map<String, Account> byName = new java.util.concurrent.ConcurrentHashMap<>();

    public BrokerAccounts(List<Account> accounts) {
        accounts.forEach(this::add);
    }

    /** Adds an account, or replaces the one of the same name (its next sign-in gets the new password and topics). */
    public void add(Account account) {
        byName.put(account.username(), account);
    }

    /** The gateway's account: it publishes its own devices' topics and its bundles, and subscribes to nothing. */
    public static Account gateway(String username, String password, String topicPrefix, List<String> deviceIds) {
        List<String> topics = new ArrayList<>();
        deviceIds.forEach(id -> topics.add(topicPrefix + "/" + id));
        topics.add(topicPrefix + "/bundle");
        return Account.of(username, password, topics, List.of());
    }

    /** The readings job's account: it alone subscribes to the readings, and publishes nothing. */
    public static Account job(String username, String password, String topicPrefix) {
        return Account.of(username, password, List.of(), List.of(topicPrefix + "/#"));
    }

    /** The account whose name and password these are; empty for an unknown name or a wrong password. */
    public Optional<Account> signIn(String username, byte[] password) {
        Account account = byName.get(username);
        if (account == null || !MessageDigest.isEqual(account.passwordSha256(), sha256(password))) {
            return Optional.empty();
        }
        return Optional.of(account);
    }

    /** A fresh password: 32 random bytes in hex. */
    public static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
