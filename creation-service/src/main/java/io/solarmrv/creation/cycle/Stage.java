package io.solarmrv.creation.cycle;

import io.solarmrv.creation.access.Roles;
import java.util.List;
import java.util.Set;

/**
 * A stage of a project's cycle (DOMAIN.md): for JCM, project idea note, methodology, project design
 * document, validation by a third-party entity, registration by the Joint Committee; for J-Credit,
 * the project plan, its validation and registration. Each stage names who records it.
 */
public enum Stage {
    PIN(Set.of(Roles.CREATOR, Roles.ADMIN)),
    METHODOLOGY(Set.of(Roles.CREATOR, Roles.ADMIN)),
    PDD(Set.of(Roles.CREATOR, Roles.ADMIN)),
    PLAN(Set.of(Roles.CREATOR, Roles.ADMIN)),
    VALIDATION(Set.of(Roles.VERIFIER)),
    REGISTRATION(Set.of(Roles.ADMIN));

    public static final List<Stage> JCM = List.of(PIN, METHODOLOGY, PDD, VALIDATION, REGISTRATION);
    public static final List<Stage> J_CREDIT = List.of(PLAN, VALIDATION, REGISTRATION);

    private final Set<String> recordedBy;

    Stage(Set<String> recordedBy) {
        this.recordedBy = recordedBy;
    }

    public Set<String> recordedBy() {
        return recordedBy;
    }

    /** The stages of a scheme ({@code JCM} or {@code J-Credit}), in order. */
    public static List<Stage> of(String scheme) {
        return switch (scheme) {
            case "JCM" -> JCM;
            case "J-Credit" -> J_CREDIT;
            default -> throw new IllegalArgumentException("'scheme' must be JCM or J-Credit, was '" + scheme + "'");
        };
    }
}
