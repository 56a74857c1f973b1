package io.solarmrv.creation.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void derivationMatchesRfc7914sPbkdf2HmacSha256Vector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1), first 32 of its 64 bytes.
        byte[] derived = PasswordHash.derive("passwd", "salt".getBytes(StandardCharsets.US_ASCII), 1);
        assertArrayEquals(HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"), derived);
    }

    @Test
    void aStoredHashAcceptsItsPasswordOnly() {
        String stored = PasswordHash.of("correct horse battery staple");
        assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
        assertTrue(PasswordHash.matches("correct horse battery staple", stored));
        assertFalse(PasswordHash.matches("correct horse battery stapl", stored));
        assertNotEquals(stored, PasswordHash.of("correct horse battery staple"), "each hash has its own salt");
    }

    @Test
    void theIterationCountTravelsWithTheHash() {
        byte[] salt = new byte[16];
        String weak = PasswordHash.format(1_000, salt, PasswordHash.derive("pw", salt, 1_000));
        assertTrue(PasswordHash.matches("pw", weak), "an older, cheaper hash still verifies with its own count");
        assertEquals(4, weak.split("\\$").length);
        assertFalse(PasswordHash.matches("pw", "md5$abc"), "an unknown format never matches");
    }
}
