package io.solarmrv.creation.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

class ParticipantKeysTest {
    private static final byte[] SECRET = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void theKeyIsTheHmacOfProjectAndGenerationUnderTheSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        BigInteger hmac = new BigInteger(1, mac.doFinal("solar-mrv participant v1\nplant\n0".getBytes(StandardCharsets.UTF_8)));
        BigInteger expected = hmac.mod(Sign.CURVE_PARAMS.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);

        assertEquals(expected, new BigInteger(ParticipantKeys.privateKeyHex(SECRET, "plant", 0).substring(2), 16));
        assertEquals(ParticipantKeys.privateKeyHex(SECRET, "plant", 0), ParticipantKeys.privateKeyHex(SECRET, "plant", 0),
                "the same key after a restart");
    }

    @Test
    void projectsAndGenerationsGetDifferentAccounts() {
        String plant = address("plant", 0);
        assertNotEquals(plant, address("plant", 1), "a rotation moves to another account");
        assertNotEquals(plant, address("plant2", 0));
        assertNotEquals(address("a\n1", 0), address("a", 1), "the separator keeps project and generation apart");
    }

    @Test
    void aShortOrMalformedSecretIsRefusedNamingTheSetting() {
        IllegalArgumentException shortSecret = assertThrows(IllegalArgumentException.class, () -> ParticipantKeys.secret("0x0102"));
        assertTrue(shortSecret.getMessage().startsWith("mrv.chain.participant-key (MRV_CHAIN_PARTICIPANT_KEY) must be at least 16 bytes"));
        assertThrows(IllegalArgumentException.class, () -> ParticipantKeys.secret("zz".repeat(32)));
        assertEquals(32, ParticipantKeys.secret("0x" + "ab".repeat(32)).length);
    }

    private static String address(String project, int generation) {
        return Credentials.create(ParticipantKeys.privateKeyHex(SECRET, project, generation)).getAddress();
    }
}
