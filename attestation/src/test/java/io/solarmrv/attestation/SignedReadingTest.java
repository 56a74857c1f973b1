package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignedReadingTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void ed25519MatchesRfc8032Test1() {
        GatewayKey key = GatewayKey.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.publicKeyHex());
        byte[] signature = key.sign(new byte[0]);
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                HEX.formatHex(signature));
        assertTrue(GatewayKey.verify(key.publicKey(), new byte[0], signature));
    }

    @Test
    void signedReadingRoundTripsAndVerifies() {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        Reading reading = new Reading("inv-1", 7, 1_700_000_000_000L, 12_345, 4_200, Reading.genesisHash());
        SignedReading signed = SignedReading.sign(reading, key);
        SignedReading received = SignedReading.fromWire(signed.toWire());
        assertEquals(reading, received.reading());
        assertTrue(received.verify(key.publicKey()));
        assertFalse(received.verify(GatewayKey.generate(new SecureRandom()).publicKey()));
    }

    @Test
    void anySingleFlippedByteInThePayloadOrSignatureFailsVerification() {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        byte[] wire = SignedReading.sign(new Reading("inv-1", 1, 2, 3, 4, Reading.genesisHash()), key).toWire();
        for (int i = 4; i < wire.length; i++) {
            byte[] tampered = wire.clone();
            tampered[i] ^= 0x01;
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
    void malformedEnvelopesAreRejectedWithAReason() {
        MalformedEvidenceException tooShort = assertThrows(MalformedEvidenceException.class,
                () -> SignedReading.fromWire(new byte[10]));
        assertTrue(tooShort.getMessage().contains("too short"));
        byte[] wrongLength = new byte[100];
        wrongLength[3] = 99;
        assertThrows(MalformedEvidenceException.class, () -> SignedReading.fromWire(wrongLength));
    }

    @Test
    void pkcs8RoundTrip() {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        assertEquals(key.publicKeyHex(), GatewayKey.fromPkcs8(key.toPkcs8()).publicKeyHex());
    }

    @Test
    void registryParsesBindingsAndNamesBadLines() {
        GatewayKey key = GatewayKey.generate(new SecureRandom());
        DeviceRegistry registry = DeviceRegistry.parse("# site A\n" + DeviceRegistry.registrationLine("inv-1", key) + "\n");
        assertEquals(key.publicKeyHex(), HEX.formatHex(registry.keyFor("inv-1").orElseThrow()));
        assertTrue(registry.keyFor("inv-2").isEmpty());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DeviceRegistry.parse("inv-1 rsa:00"));
        assertTrue(bad.getMessage().contains("line 1"));
    }
}
