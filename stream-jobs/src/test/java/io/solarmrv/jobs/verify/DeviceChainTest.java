package io.solarmrv.jobs.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.Sha256;
import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeviceChainTest {
    private static final int MAX_HELD = 100;

    /** Reading {@code seq} of a chain whose reading hashes are SHA-256("fork/seq"). */
    static AcceptedReading reading(long seq, String fork) {
        byte[] previous = seq == 0 ? new byte[32] : hash(fork, seq - 1);
        return new AcceptedReading("dev-1", seq, 1_000L * seq, 50L * seq, 100, previous, hash(fork, seq), new byte[] {(byte) seq});
    }

    private static byte[] hash(String fork, long seq) {
        return Sha256.hash((fork + "/" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static AcceptedReading reading(long seq) {
        return reading(seq, "main");
    }

    /** Accepted sequences, and rejects as "seq:REASON", in the order they came out. */
    private static List<String> offerAll(DeviceChain chain, long... seqs) {
        List<String> out = new ArrayList<>();
        for (long seq : seqs) {
            describe(chain.offer(reading(seq), MAX_HELD), out);
        }
        return out;
    }

    private static void describe(List<DeviceChain.Outcome> outcomes, List<String> out) {
        for (DeviceChain.Outcome o : outcomes) {
            out.add(o instanceof DeviceChain.Rejected r ? o.reading().sequence() + ":" + r.reason()
                    : o.reading().sequence() + (((DeviceChain.Accepted) o).afterGap() ? "+gap" : ""));
        }
    }

    private static DeviceChain empty() {
        return new DeviceChain(null, null, new TreeMap<>());
    }

    @Test
    void inOrderReadingsPassStraightThrough() {
        assertEquals(List.of("0", "1", "2"), offerAll(empty(), 0, 1, 2));
    }

    @Test
    void readingsAheadOfAGapWaitAndLeaveInOrderWhenItFills() {
        DeviceChain chain = empty();
        assertEquals(List.of("0", "1"), offerAll(chain, 0, 1, 4, 3));
        assertEquals(2, chain.held().size());
        assertEquals(List.of("2", "3", "4", "5"), offerAll(chain, 2, 5));
        assertTrue(chain.held().isEmpty());
    }

    @Test
    void aFirstReadingOtherThanZeroWaitsForZero() {
        DeviceChain chain = empty();
        assertEquals(List.of(), offerAll(chain, 1));
        assertEquals(List.of("0", "1"), offerAll(chain, 0));
    }

    @Test
    void givingUpAcceptsTheHeldInOrderWithTheGapCountedAndLaterStragglersAreOutOfOrder() {
        DeviceChain chain = empty();
        offerAll(chain, 0, 5, 3);
        List<String> released = new ArrayList<>();
        describe(chain.releaseAll(), released);
        assertEquals(List.of("3+gap", "5+gap"), released);
        assertEquals(List.of("1:OUT_OF_ORDER", "5:DUPLICATE", "6"), offerAll(chain, 1, 5, 6));
    }

    @Test
    void duplicatesAreDroppedWhetherAcceptedOrHeld() {
        assertEquals(List.of("0", "0:DUPLICATE", "3:DUPLICATE", "1", "2", "3"), offerAll(empty(), 0, 0, 3, 3, 1, 2));
    }

    @Test
    void aReadingThatDoesNotLinkIsAFork() {
        DeviceChain chain = empty();
        offerAll(chain, 0, 1);
        List<String> out = new ArrayList<>();
        describe(chain.offer(reading(2, "other"), MAX_HELD), out);
        assertEquals(List.of("2:" + RejectReason.CHAIN_FORK), out);
        assertEquals(List.of("2"), offerAll(chain, 2));
    }

    @Test
    void twoDifferentReadingsHeldForOneSequenceKeepTheFirst() {
        DeviceChain chain = empty();
        offerAll(chain, 0, 2);
        List<String> out = new ArrayList<>();
        describe(chain.offer(reading(2, "other"), MAX_HELD), out);
        assertEquals(List.of("2:" + RejectReason.CHAIN_FORK), out);
        assertEquals(List.of("1", "2"), offerAll(chain, 1));
    }

    @Test
    void aHeldReadingThatDoesNotLinkWhenItsTurnComesIsAFork() {
        DeviceChain chain = empty();
        offerAll(chain, 0);
        List<String> out = new ArrayList<>();
        describe(chain.offer(reading(2, "other"), MAX_HELD), out);
        describe(chain.offer(reading(1), MAX_HELD), out);
        assertEquals(List.of("1", "2:" + RejectReason.CHAIN_FORK), out);
    }

    @Test
    void tooManyHeldGivesUpAtOnce() {
        DeviceChain chain = empty();
        List<String> out = new ArrayList<>();
        describe(chain.offer(reading(0), 2), out);
        describe(chain.offer(reading(2), 2), out);
        describe(chain.offer(reading(3), 2), out);
        assertEquals(List.of("0"), out);
        describe(chain.offer(reading(5), 2), out);
        assertEquals(List.of("0", "2+gap", "3", "5+gap"), out);
        assertTrue(chain.held().isEmpty());
    }
}
