package io.solarmrv.creation.access;

import java.util.List;

/**
 * The five roles of the service. Each account (person or machine token) has exactly one.
 * <ul>
 *   <li>{@link #ADMIN}: registry administrator; accounts, tokens, project registration, devices.</li>
 *   <li>{@link #OPERATOR}: runs gateways; onboards devices and their keys.</li>
 *   <li>{@link #CREATOR}: project participant; proposes projects, requests issuance.</li>
 *   <li>{@link #VERIFIER}: third-party entity (TPE); reviews reports and decides.</li>
 *   <li>{@link #AUDITOR}: reads everything, changes nothing.</li>
 * </ul>
 */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String CREATOR = "CREATOR";
    public static final String VERIFIER = "VERIFIER";
    public static final String AUDITOR = "AUDITOR";
    public static final List<String> ALL = List.of(ADMIN, OPERATOR, CREATOR, VERIFIER, AUDITOR);

    private Roles() {
    }

    /** The role named, or an {@link IllegalArgumentException} naming the five there are. */
    public static String named(String role) {
        if (role == null || !ALL.contains(role)) {
            throw new IllegalArgumentException("'role' must be one of " + String.join(", ", ALL) + ", was '" + role + "'");
        }
        return role;
    }
}
