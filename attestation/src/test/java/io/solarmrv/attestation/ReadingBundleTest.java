package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.solarmrv.attestation.internal.cbor.CborWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingBundleTest {
    private static final GatewayKey KEY = GatewayKey.generate(new SecureRandom());

    private static Reading reading(String device, long seq, byte[] previous) {
        return new Reading(device, "SN-" + device, seq, 1_782_864_000_000L + seq * 60_000, 1_000 + seq, null, 500,
                ClockSync.UNSYNCHRONIZED, 0, previous, new byte[Reading.SALT_LENGTH]);
    }

    @Test
    void aBundleCarriesStoredReadingsOfEitherFormUnchangedAndInOrder() {
        Reading r0 = reading("inv-1", 0, Reading.genesisHash());
        byte[] single = SignedReading.sign(r0, KEY).toWire();
        Reading r1 = reading("inv-1", 1, Sha256.hash(ReadingCodec.encode(r0)));
        Reading other = reading("inv-2", 0, Reading.genesisHash());
        List<SignedReading> batched = SignedBatch.sign(List.of(r1, other), KEY).readings();
        List<byte[]> stored = List.of(single, batched.get(0).toWire(), batched.get(1).toWire());

        List<SignedReading> unpacked = SignedReading.unpack(ReadingBundle.pack(stored));

        assertEquals(3, unpacked.size());
        for (int i = 0; i < stored.size(); i++) {
            assertArrayEquals(stored.get(i), unpacked.get(i).toWire(), "reading " + i + " unchanged");
        }
        assertEquals(List.of(0L, 1L, 0L), unpacked.stream().map(r -> r.reading().sequence()).toList());
        assertEquals(1, SignedReading.unpack(single).size(), "a lone reading is still itself");
    }

    @Test
    void malformedBundlesAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> ReadingBundle.pack(List.of()));
        List<byte[]> tooMany = new ArrayList<>();
        for (int i = 0; i <= ReadingBundle.MAX_READINGS; i++) {
            tooMany.add(new byte[] {1});
        }
        assertThrows(IllegalArgumentException.class, () -> ReadingBundle.pack(tooMany));
        byte[] otherFormat = new CborWriter().array(2).text("mrv-bundle/9").array(0).toByteArray();
        MalformedEvidenceException e = assertThrows(MalformedEvidenceException.class, () -> SignedReading.unpack(otherFormat));
        assertEquals("unknown bundle format 'mrv-bundle/9'", e.getMessage());
        byte[] notAReading = ReadingBundle.pack(List.of(new byte[] {1, 2, 3}));
        assertThrows(MalformedEvidenceException.class, () -> SignedReading.unpack(notAReading));
    }
}
