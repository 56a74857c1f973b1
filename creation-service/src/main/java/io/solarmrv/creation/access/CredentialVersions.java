package io.solarmrv.creation.access;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions are still good: each person's current credentials version, or none while the
 * account is disabled. Read on every request carrying a JWT ({@link CurrentCredentialsValidator}),
 * so it is held in memory: {@link Accounts} loads it at start-up and sets an entry in the same
 * method that commits a change. One service instance owns the accounts table; a second instance
 * would not see the first's changes until it restarts.
 */
@Singleton
public class CredentialVersions {
    private final Map<String, Integer> current = new ConcurrentHashMap<>();

    /** Whether a session signed in at {@code version} is the account's current one (false if disabled or unknown). */
    public boolean isCurrent(String username, int version) {
        Integer now = current.get(username);
        return now != null && now == version;
    }

    void set(String username, int version, boolean disabled) {
        if (disabled) {
            current.remove(username);
        } else {
            current.put(username, version);
        }
    }
}
