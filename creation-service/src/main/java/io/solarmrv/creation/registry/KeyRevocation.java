package io.solarmrv.creation.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An operator revoking a device's key: the key as its registration line names it ({@code
 * ed25519:<hex>} or {@code es256:<hex>}), from when ({@code revokedAt}, default now; earlier if the
 * key is known to have been stolen before), and why. From then on no reading signed with it and
 * received by the pipeline counts, whatever time it carries.
 */
@Serdeable
public record KeyRevocation(String key, @Nullable Instant revokedAt, String reason) {
    void check() {
        if (key == null || !key.contains(":")) {
            throw new IllegalArgumentException("'key' is required, as the registration line names it: '<ed25519|es256>:<public key hex>'");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("'reason' is required: why the key is revoked (stolen gateway, lost, replaced)");
        }
        if (revokedAt != null && revokedAt.isAfter(Instant.now().plusSeconds(60))) {
            throw new IllegalArgumentException("'revokedAt' " + revokedAt + " is in the future; a key to retire later is given a"
                    + " valid-until in a new registration line instead");
        }
    }
}
