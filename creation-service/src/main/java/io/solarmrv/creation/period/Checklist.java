package io.solarmrv.creation.period;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The verification checklist of a period: every item the machine can evidence, each with its
 * evidence and outcome, and the items only the verifier can judge (site visit, certificates on
 * paper), marked {@link Outcome#VERIFIER}.
 */
@Serdeable
public record Checklist(String projectId, int number, List<Item> items) {
    /** PASS and FAIL are the machine's findings; VERIFIER items wait for the person. */
    public enum Outcome { PASS, FAIL, VERIFIER }

    /** One item ({@link CheckItem}): its id and title in English and Japanese, its outcome, and what shows it. */
    @Serdeable
    public record Item(String id, String title, String titleJa, Outcome outcome, String evidence) {
    }
}
