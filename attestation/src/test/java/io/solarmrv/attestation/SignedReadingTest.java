package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedReadingTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    static Reading reading(String device, long sequence, long timestamp, long energyWh, Long exportWh) {
        byte[] salt = new byte[Reading.SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return new Reading(device, "SN-" + device, sequence, timestamp, energyWh, exportWh, 4_200, ClockSync.NTP, -12,
                Reading.genesisHash(), salt);
    }

    @Test
    void ed25519MatchesRfc8032Test1() {
        GatewayKey key = GatewayKey.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.publicKeyHex());
        byte[] signature = key.sign(new byte[0]);
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                HEX.formatHex(signature));
        assertTrue(GatewayKey.verify(key.publicKey(), new byte[0], signature));
    }

    /** COSE WG example sign1-pass-01 (RFC 9052 appendix C.2.1 family): ES256 with key "11". */
    @Test
    void coseSign1ExampleVerifiesWithItsPublishedKey() {
        byte[] message = HEX.parseHex("d28443a10126a10442313154546869732069732074686520636f6e74656e742e5840"
                + "8eb33e4ca31d1c465ab05aac34cc6b23d58fef5c083106c4d25a91aef0b0117e2af9a291aa32e14ab834dc56ed2a2234"
                + "44547e01f11d3b0916e5a4c345cacb36");
        // RFC 8152 / RFC 9052 appendix C.7.1, key id "11" (P-256)
        byte[] publicKey = HEX.parseHex("04"
                + "bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff"
                + "20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e");
        SignedReading.Parsed parsed = SignedReading.parse(message);
        assertEquals(CoseAlgorithm.ES256, parsed.algorithm());
        assertEquals("11", new String(parsed.keyId(), StandardCharsets.US_ASCII));
        assertEquals("This is the content.", new String(parsed.payload(), StandardCharsets.US_ASCII));
        assertTrue(parsed.verify(publicKey));
        byte[] tampered = message.clone();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(SignedReading.parse(tampered).verify(publicKey));
    }

    @Test
    void signedReadingRoundTripsAndVerifies() {
        GatewayKey key = GatewayKey.generate(RANDOM);
        Reading reading = reading("inv-1", 7, 1_700_000_000_000L, 12_345, 678L);
        SignedReading signed = SignedReading.sign(reading, key);
        SignedReading received = SignedReading.fromWire(signed.toWire());
        assertEquals(reading, received.reading());
        assertArrayEquals(signed.toWire(), received.toWire(), "one reading, one encoding");
        assertTrue(received.verify(key.publicKey()));
        assertFalse(received.verify(GatewayKey.generate(RANDOM).publicKey()));
        assertEquals(reading, SignedReading.fromWire(SignedReading.sign(reading, key).toWire()).reading());
    }

    @Test
    void anySingleFlippedBitInTheMessageFailsVerification() {
        GatewayKey key = GatewayKey.generate(RANDOM);
        byte[] wire = SignedReading.sign(reading("inv-1", 1, 2, 3, null), key).toWire();
        assertEveryFlipFails(wire, key, 1, 0x01);
    }

    /** Flipping {@code bit} in every {@code step}-th byte of the wire form makes it fail to verify. */
    private static void assertEveryFlipFails(byte[] wire, GatewayKey key, int step, int bit) {
        for (int i = 0; i < wire.length; i += step) {
            byte[] tampered = wire.clone();
            tampered[i] ^= (byte) bit;
            boolean verified;
            try {
                verified = SignedReading.fromWire(tampered).verify(key.publicKey());
            } catch (MalformedEvidenceException e) {
                verified = false;
            }
            assertFalse(verified, "flip at byte " + i);
        }
    }

    @Test
    void nonDeterministicOrMalformedEncodingsAreRejectedWithAReason() {
        MalformedEvidenceException notCose = assertThrows(MalformedEvidenceException.class,
                () -> SignedReading.fromWire(new byte[] {0x61, 0x78}));
        assertTrue(notCose.getMessage().contains("expected an array"), notCose.getMessage());
        MalformedEvidenceException wrongTag = assertThrows(MalformedEvidenceException.class,
                () -> SignedReading.fromWire(new byte[] {(byte) 0xd1, (byte) 0x80}));
        assertTrue(wrongTag.getMessage().contains("tag 18"), wrongTag.getMessage());
        byte[] payload = ReadingCodec.encode(reading("inv-1", 1, 2, 3, null));
        byte[] longForm = new byte[payload.length + 1];
        // rewrite the first key (0x01) as the non-shortest 0x18 0x01
        longForm[0] = payload[0];
        longForm[1] = 0x18;
        longForm[2] = 0x01;
        System.arraycopy(payload, 2, longForm, 3, payload.length - 2);
        MalformedEvidenceException nonShortest = assertThrows(MalformedEvidenceException.class, () -> ReadingCodec.decode(longForm));
        assertTrue(nonShortest.getMessage().contains("non-shortest"), nonShortest.getMessage());
        byte[] trailing = java.util.Arrays.copyOf(payload, payload.length + 1);
        assertThrows(MalformedEvidenceException.class, () -> ReadingCodec.decode(trailing));
    }

    @Test
    void pkcs8RoundTrip() {
        GatewayKey key = GatewayKey.generate(RANDOM);
        assertEquals(key.publicKeyHex(), GatewayKey.fromPkcs8(key.toPkcs8()).publicKeyHex());
    }

    @Test
    void registryBindsKeysWithValidityAndNamesEachFault() {
        GatewayKey old = GatewayKey.generate(RANDOM);
        GatewayKey next = GatewayKey.generate(RANDOM);
        Instant rotation = Instant.parse("2026-06-01T00:00:00Z");
        String text = "# site A: key rotation with a one-day overlap\n"
                + DeviceRegistry.registrationLine("inv-1", old) + " valid-until=" + rotation.plusSeconds(86_400) + "\n"
                + DeviceRegistry.registrationLine("inv-1", next) + " valid-from=" + rotation + "\n";
        DeviceRegistry registry = DeviceRegistry.parse(text);
        long before = rotation.minusSeconds(3600).toEpochMilli();
        long overlap = rotation.plusSeconds(3600).toEpochMilli();
        long after = rotation.plusSeconds(3 * 86_400).toEpochMilli();

        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(SignedReading.sign(reading("inv-1", 0, before, 1, null), old)));
        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(SignedReading.sign(reading("inv-1", 1, overlap, 1, null), old)));
        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(SignedReading.sign(reading("inv-1", 1, overlap, 1, null), next)));
        assertEquals(DeviceRegistry.Verdict.KEY_OUTSIDE_VALIDITY, registry.verify(SignedReading.sign(reading("inv-1", 2, after, 1, null), old)));
        assertEquals(DeviceRegistry.Verdict.KEY_OUTSIDE_VALIDITY, registry.verify(SignedReading.sign(reading("inv-1", 0, before, 1, null), next)));
        assertEquals(DeviceRegistry.Verdict.UNKNOWN_KEY,
                registry.verify(SignedReading.sign(reading("inv-1", 2, after, 1, null), GatewayKey.generate(RANDOM))));
        assertEquals(DeviceRegistry.Verdict.UNKNOWN_DEVICE, registry.verify(SignedReading.sign(reading("inv-9", 0, after, 1, null), next)));

        String exported = registry.keys().stream().map(DeviceRegistry.DeviceKey::line).collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(text.substring(text.indexOf('\n') + 1).strip(), exported, "each binding's line is the line it was read from");

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> DeviceRegistry.parse("inv-1 rsa:00"));
        assertTrue(bad.getMessage().startsWith("registry line 1"), bad.getMessage());
        IllegalArgumentException badTime = assertThrows(IllegalArgumentException.class,
                () -> DeviceRegistry.parse(DeviceRegistry.registrationLine("inv-1", old) + " valid-from=yesterday"));
        assertTrue(badTime.getMessage().contains("ISO-8601"), badTime.getMessage());
    }

    @Test
    void aKeyThatIsNoPointOfItsCurveIsRefusedAndNeverCrashesAVerifier() {
        String noPoint = "inv-2 ed25519:" + "00".repeat(32);   // y = 0 encodes no Ed25519 point
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DeviceRegistry.parse(noPoint));
        assertEquals("registry line 1: not an Ed25519 public key: the 32 bytes encode no point of the curve", refused.getMessage());
        String offCurve = "inv-3 es256:04" + "00".repeat(31) + "01" + "00".repeat(31) + "01";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceRegistry.parse(offCurve)).getMessage()
                .startsWith("registry line 1: not a P-256 public key"));

        GatewayKey key = GatewayKey.generate(new java.security.SecureRandom());
        List<String> leftOut = new java.util.ArrayList<>();
        DeviceRegistry kept = DeviceRegistry.parse(noPoint + "\n" + DeviceRegistry.registrationLine("inv-1", key), leftOut::add);
        assertEquals(List.of("registry line 1: not an Ed25519 public key: the 32 bytes encode no point of the curve"), leftOut);
        assertEquals(DeviceRegistry.Verdict.VALID, kept.verify(SignedReading.sign(reading("inv-1", 0, 1_000, 1, null), key)),
                "the other devices' bindings stay");
        assertEquals(DeviceRegistry.Verdict.UNKNOWN_DEVICE, kept.verify(SignedReading.sign(reading("inv-2", 0, 1_000, 1, null), key)));
        SignedReading signed = SignedReading.sign(reading("inv-2", 0, 1_000, 1, null), key);
        assertFalse(signed.verify(new byte[32]), "a key that is no point verifies nothing, and throws nothing");
    }

    @Test
    void aBatchSignsManyReadingsEachProvableOnItsOwn() {
        GatewayKey key = GatewayKey.generate(RANDOM);
        java.util.List<Reading> readings = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            readings.add(reading("inv-" + i, 5, 1_700_000_000_000L, 1_000L * i, null));
        }
        SignedBatch batch = SignedBatch.sign(readings, key);
        java.util.List<SignedReading> unpacked = SignedReading.unpack(batch.toWire());
        assertEquals(10, unpacked.size());
        for (int i = 0; i < 10; i++) {
            SignedReading alone = SignedReading.fromWire(unpacked.get(i).toWire());   // its own leaf, nothing else
            assertTrue(alone.batched());
            assertEquals(readings.get(i), alone.reading());
            assertTrue(alone.verify(key.publicKey()), "reading " + i);
            assertEquals(DeviceRegistry.Verdict.VALID,
                    DeviceRegistry.parse(DeviceRegistry.registrationLine("inv-" + i, key)).verify(alone));
        }
        // A batched reading whose payload was swapped for another reading of the same batch fails.
        byte[] wire = unpacked.get(3).toWire();
        byte[] other = unpacked.get(4).toWire();
        byte[] swapped = new io.solarmrv.attestation.internal.cbor.CborWriter().array(3)
                .raw(java.util.Arrays.copyOfRange(wire, 1, wire.length - ReadingCodec.encode(readings.get(3)).length - 2))
                .bytes(ReadingCodec.encode(readings.get(4))).toByteArray();
        assertFalse(SignedReading.fromWire(swapped).verify(key.publicKey()));
        assertFalse(java.util.Arrays.equals(wire, other));
        assertEveryFlipFails(wire, key, 7, 0x10);
    }

    @Test
    void aBatchsSignatureIsCheckedOnceYetEachReadingAndEachKeyStillCount() {
        GatewayKey key = GatewayKey.generate(RANDOM);
        GatewayKey other = GatewayKey.generate(RANDOM);
        java.util.List<Reading> readings = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            readings.add(reading("inv-" + i, 5, 1_700_000_000_000L, 1_000L * i, null));
        }
        java.util.List<SignedReading> unpacked = SignedReading.unpack(SignedBatch.sign(readings, key).toWire());
        assertTrue(unpacked.get(0).verify(key.publicKey()));
        assertFalse(unpacked.get(1).verify(other.publicKey()), "a remembered success is for its key only");
        assertTrue(unpacked.get(1).verify(key.publicKey()));
        assertFalse(unpacked.get(2).verify(other.publicKey()));
    }
}
