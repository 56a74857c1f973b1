package io.solarmrv.jobs.verify;

import io.solarmrv.attestation.ChainFault;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectReason;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One device's chain as the job sees it: the last accepted reading (sequence and hash) and the
 * readings that arrived ahead of a gap, held until the readings before them arrive.
 *
 * <p>Readings of one device can arrive out of order: parallel readers of an MQTT shared
 * subscription each get some of a device's messages, and after a failover the messages a dead
 * reader had not acknowledged come back later than those that followed them. Accepting a reading
 * ahead of a gap at once would turn the late ones into rejects, lost as evidence; so a reading
 * that does not follow the last accepted one is held, and accepted (in sequence order) as soon as
 * the gap fills, or with the gap counted when the caller gives up waiting ({@link #releaseAll}).
 * Only a reading below the last accepted one, after the gap was given up, is rejected as
 * {@code OUT_OF_ORDER}; it stays in the rejects store for review and restatement.
 *
 * <p>Plain Java, no Flink: {@link ChainCheck} keeps this in keyed state.
 */
final class DeviceChain {
    /** What happened to a reading, in the order it happened. */
    sealed interface Outcome permits Accepted, Rejected {
        AcceptedReading reading();
    }

    /** Accepted as the chain's next reading; {@code afterGap} if readings before it are missing. */
    record Accepted(AcceptedReading reading, boolean afterGap) implements Outcome {
    }

    /** Not evidence, with the reason and a detail naming the device and sequence. */
    record Rejected(AcceptedReading reading, RejectReason reason, String detail) implements Outcome {
    }

    private Long lastSequence;
    private byte[] lastHash;
    private final TreeMap<Long, AcceptedReading> held;

    /**
     * @param lastSequence the last accepted sequence, or null if none yet
     * @param lastHash     that reading's hash, or null if none yet
     * @param held         readings held ahead of a gap, by sequence (taken over, not copied)
     */
    DeviceChain(Long lastSequence, byte[] lastHash, TreeMap<Long, AcceptedReading> held) {
        this.lastSequence = lastSequence;
        this.lastHash = lastHash;
        this.held = held;
    }

    Long lastSequence() {
        return lastSequence;
    }

    byte[] lastHash() {
        return lastHash;
    }

    TreeMap<Long, AcceptedReading> held() {
        return held;
    }

    /**
     * Offers the next reading to arrive. If more than {@code maxHeld} readings would be held, the
     * wait is given up at once ({@link #releaseAll}).
     */
    List<Outcome> offer(AcceptedReading reading, int maxHeld) {
        List<Outcome> outcomes = new ArrayList<>();
        long seq = reading.sequence();
        if (lastSequence == null ? seq == 0 : seq == lastSequence + 1) {
            append(reading, outcomes);
            while (lastSequence != null && held.containsKey(lastSequence + 1)) {
                append(held.remove(lastSequence + 1), outcomes);
            }
        } else if (lastSequence != null && seq == lastSequence) {
            outcomes.add(reject(reading, RejectReason.DUPLICATE, "sequence " + seq + " was already accepted"));
        } else if (lastSequence != null && seq < lastSequence) {
            outcomes.add(reject(reading, RejectReason.OUT_OF_ORDER, "sequence " + seq + " arrived after " + lastSequence
                    + " was accepted (the readings between were given up waiting for)"));
        } else {
            AcceptedReading already = held.get(seq);
            if (already == null) {
                held.put(seq, reading);
                if (held.size() > maxHeld) {
                    outcomes.addAll(releaseAll());
                }
            } else if (MessageDigest.isEqual(already.readingHash(), reading.readingHash())) {
                outcomes.add(reject(reading, RejectReason.DUPLICATE, "sequence " + seq + " is already waiting for its predecessors"));
            } else {
                outcomes.add(reject(reading, RejectReason.CHAIN_FORK, "two different readings claim sequence " + seq));
            }
        }
        return outcomes;
    }

    /** Gives up waiting: accepts every held reading in sequence order, gaps counted. */
    List<Outcome> releaseAll() {
        List<Outcome> outcomes = new ArrayList<>();
        while (!held.isEmpty()) {
            append(held.pollFirstEntry().getValue(), outcomes);
        }
        return outcomes;
    }

    /** Appends a reading at or after the chain's head: accepted, or rejected if it does not link. */
    private void append(AcceptedReading reading, List<Outcome> outcomes) {
        long seq = reading.sequence();
        Optional<ChainFault> fault = lastSequence == null
                ? (seq == 0 ? Optional.empty() : Optional.of(ChainFault.GAP))
                : ChainFault.between(lastSequence, lastHash, seq, reading.previousHash());
        if (fault.isPresent() && fault.get() == ChainFault.FORK) {
            outcomes.add(reject(reading, RejectReason.CHAIN_FORK, "sequence " + seq + " does not link to the hash of " + lastSequence));
            return;
        }
        lastSequence = seq;
        lastHash = reading.readingHash();
        outcomes.add(new Accepted(reading, fault.isPresent()));
    }

    private static Rejected reject(AcceptedReading reading, RejectReason reason, String detail) {
        return new Rejected(reading, reason, reading.deviceId() + ": " + detail);
    }
}
