package io.solarmrv.creation.allocation;

import io.micronaut.serde.annotation.Serdeable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a project's participants agreed to split its credits: shares in basis points (1/100 of a
 * percent) summing to 10,000. For a project financed by the Japanese government (a JCM model
 * project), at least half of Japan's share goes to the Japanese government (DOMAIN.md).
 */
@Serdeable
public record AllocationPlan(boolean governmentFunded, List<Share> shares) {
    /** One account's share. */
    @Serdeable
    public record Share(String account, Party party, int basisPoints) {
    }

    /** Throws {@link IllegalArgumentException} naming what breaks the rules. */
    public void check() {
        if (shares == null || shares.isEmpty()) {
            throw new IllegalArgumentException("'shares' must list at least one account");
        }
        Set<String> accounts = new HashSet<>();
        int total = 0;
        for (Share share : shares) {
            if (share.account() == null || !share.account().matches("[A-Za-z0-9._:@-]{1,128}")) {
                throw new IllegalArgumentException("each share's 'account' must be 1-128 letters, digits, '.', '_', ':', '@' or '-'");
            }
            if (share.party() == null) {
                throw new IllegalArgumentException("share of " + share.account() + ": 'party' must be one of JAPAN_GOVERNMENT,"
                        + " JAPANESE_PARTICIPANT, PARTNER_GOVERNMENT, PARTNER_PARTICIPANT");
            }
            if (share.basisPoints() <= 0 || share.basisPoints() > 10_000) {
                // at most the whole: shares summed in an int could otherwise wrap round to 10000
                throw new IllegalArgumentException("share of " + share.account() + ": 'basisPoints' must be 1 to 10000");
            }
            if (!accounts.add(share.account())) {
                throw new IllegalArgumentException("account " + share.account() + " appears twice");
            }
            total += share.basisPoints();
        }
        if (total != 10_000) {
            throw new IllegalArgumentException("shares must sum to 10000 basis points (100%), they sum to " + total);
        }
        if (governmentFunded) {
            int japan = shares.stream().filter(s -> s.party().japanese()).mapToInt(Share::basisPoints).sum();
            int government = shares.stream().filter(s -> s.party() == Party.JAPAN_GOVERNMENT).mapToInt(Share::basisPoints).sum();
            if (japan == 0 || 2 * government < japan) {
                throw new IllegalArgumentException("a government-funded project gives at least half of Japan's share (" + japan
                        + " bp) to the Japanese government; it gives " + government + " bp");
            }
        }
    }
}
