package io.solarmrv.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What of a rejected message is stored for review. */
class RejectedReadingTest {

    @Test
    void aMessageUpToTheLimitIsKeptWhole() {
        byte[] message = new byte[RejectedReading.MAX_KEPT_BYTES];
        RejectedReading rejected = new RejectedReading("", -1, "MALFORMED", "not CBOR", message);
        assertArrayEquals(message, rejected.keptEnvelope());
        assertEquals("not CBOR", rejected.keptDetail());
    }

    @Test
    void anOversizedMessageKeepsItsPrefixAndSaysSo() {
        byte[] message = new byte[8 * 1024 * 1024];
        Arrays.fill(message, (byte) 7);
        RejectedReading rejected = new RejectedReading("", -1, "MALFORMED", "not CBOR", message);
        assertEquals(RejectedReading.MAX_KEPT_BYTES, rejected.keptEnvelope().length);
        assertEquals("not CBOR (the first 65536 of its 8388608 bytes are kept)", rejected.keptDetail());
        assertEquals(8 * 1024 * 1024, rejected.envelope().length, "the record itself, and the hash taken of it, keep the whole");
    }
}
