package io.solarmrv.creation.period;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.attestation.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A verifier's finding on a monitoring period and its thread, as validation and verification
 * practice names them (CDM Validation and Verification Standard, "findings"; the JCM Guidelines
 * for Validation and Verification use the same three): a corrective action request (CAR) for a
 * non-conformity the participant must correct, a clarification request (CL) for information the
 * verifier lacks, and a forward action request (FAR) for something to watch in the next period.
 *
 * <p>The rule of its steps, in one place: the verifier raises it (OPEN); the participant answers
 * (ANSWERED); the verifier closes it (CLOSED) or reopens it with the reason (OPEN again). A FAR may
 * be closed while open (it is carried to the next period, not answered now). An approval waits for
 * every CAR and CL to be closed ({@link #blocksApproval}); the decision cites every finding by its
 * thread's digest ({@link #citation}), so the verifier's signature covers them.
 */
@Serdeable
public record Finding(int number, Type type, State state, @Nullable String checkId, List<Entry> thread) {

    public enum Type {
        /** Corrective action request: a non-conformity to correct before approval. */
        CAR,
        /** Clarification request: information the verifier needs before approval. */
        CL,
        /** Forward action request: to be checked at the next verification; does not hold approval. */
        FAR
    }

    public enum State { OPEN, ANSWERED, CLOSED }

    /** A step of the thread: RAISED, REOPENED and CLOSED are the verifier's, ANSWERED the participant's. */
    public enum Step { RAISED, ANSWERED, REOPENED, CLOSED }

    /** One step of the thread: what was said, by whom, when. */
    @Serdeable
    public record Entry(Step step, String text, String by, Instant at) {
    }

    /**
     * The state after {@code step}, or why the step cannot be taken in this finding's state (the
     * reason names the finding and what it waits for).
     */
    public Optional<String> refusal(Step step) {
        String name = type + " " + number;
        return switch (step) {
            case RAISED -> Optional.of(name + " is already raised");
            case ANSWERED -> state == State.OPEN ? Optional.empty()
                    : Optional.of(name + " is " + state + "; only an OPEN finding is answered");
            case REOPENED -> state == State.ANSWERED ? Optional.empty()
                    : Optional.of(name + " is " + state + "; only an ANSWERED finding is reopened");
            case CLOSED -> state == State.ANSWERED || (state == State.OPEN && type == Type.FAR) ? Optional.empty()
                    : Optional.of(name + " is " + state + (state == State.OPEN ? "; it is closed after the participant's answer" : ""));
        };
    }

    /** The state a step leads to. */
    public static State after(Step step) {
        return switch (step) {
            case RAISED, REOPENED -> State.OPEN;
            case ANSWERED -> State.ANSWERED;
            case CLOSED -> State.CLOSED;
        };
    }

    /** Whether this finding holds an approval: a CAR or CL not yet closed. */
    public boolean blocksApproval() {
        return type != Type.FAR && state != State.CLOSED;
    }

    /** SHA-256 (hex) of the thread as text: each step on one line, "STEP by at", then its text with backslashes and line breaks escaped. */
    public String digest() {
        StringBuilder text = new StringBuilder(type + " " + number + (checkId == null ? "" : " " + checkId) + "\n");
        for (Entry entry : thread) {
            text.append(entry.step()).append(' ').append(entry.by()).append(' ').append(entry.at()).append(' ')
                    .append(escaped(entry.text())).append('\n');
        }
        return HexFormat.of().formatHex(Sha256.hash(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * What a decision appends to the verifier's statement: one line per finding with its type,
     * number, state and thread digest; empty if there are none (the statement is then signed as
     * written).
     */
    public static String citation(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\nFindings:");
        for (Finding finding : findings) {
            text.append("\n- ").append(finding.type()).append(' ').append(finding.number()).append(' ')
                    .append(finding.state()).append(" sha256:").append(finding.digest());
        }
        return text.toString();
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
