package io.solarmrv.creation.allocation;

/** Who holds a share of a JCM project's credits (DOMAIN.md, allocation). */
public enum Party {
    JAPAN_GOVERNMENT, JAPANESE_PARTICIPANT, PARTNER_GOVERNMENT, PARTNER_PARTICIPANT;

    boolean japanese() {
        return this == JAPAN_GOVERNMENT || this == JAPANESE_PARTICIPANT;
    }
}
