package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainFaultTest {
    private static final byte[] PREVIOUS = Sha256.hash(new byte[] {1});
    private static final byte[] OTHER = Sha256.hash(new byte[] {2});

    @Test
    void namesEachFaultBetweenConsecutiveReadings() {
        assertEquals(Optional.empty(), ChainFault.between(7, PREVIOUS, 8, PREVIOUS));
        assertEquals(Optional.of(ChainFault.FORK), ChainFault.between(7, PREVIOUS, 8, OTHER));
        assertEquals(Optional.of(ChainFault.GAP), ChainFault.between(7, PREVIOUS, 10, OTHER));
        assertEquals(Optional.of(ChainFault.REPLAY), ChainFault.between(7, PREVIOUS, 7, OTHER));
        assertEquals(Optional.of(ChainFault.REORDER), ChainFault.between(7, PREVIOUS, 3, OTHER));
    }
}
