package io.solarmrv.creation.period;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.web3j.crypto.Sign;

/**
 * Each project's chain participant key, derived from the service's participant secret: the key of
 * project {@code p} at generation {@code g} is {@code HMAC-SHA256(secret, "solar-mrv participant
 * v1\n" || p || "\n" || g)} as an integer, mapped into [1, n - 1] of secp256k1. Distinct projects get
 * unrelated accounts, so one project's participant cannot act for another on chain and each
 * project's credits are held apart; a rotation moves one project to its next generation. Nothing
 * is stored: the secret and the generation give the key again after a restart.
 */
final class ParticipantKeys {
    private static final BigInteger ORDER_MINUS_ONE = Sign.CURVE_PARAMS.getN().subtract(BigInteger.ONE);

    private ParticipantKeys() {
    }

    /** The project's participant private key at the generation, as 64 hex digits with 0x. */
    static String privateKeyHex(byte[] secret, String projectId, int generation) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the participant secret must be at least 16 bytes, was " + secret.length);
        }
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative, was " + generation);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("solar-mrv participant v1\n" + projectId + "\n" + generation).getBytes(StandardCharsets.UTF_8));
            BigInteger key = new BigInteger(1, digest).mod(ORDER_MINUS_ONE).add(BigInteger.ONE);
            return "0x" + String.format("%064x", key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256", e);
        }
    }

    /** The secret from its configured hex form (with or without 0x). */
    static byte[] secret(String hex) {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (!digits.matches("([0-9a-fA-F]{2}){16,}")) {
            throw new IllegalArgumentException("mrv.chain.participant-key (MRV_CHAIN_PARTICIPANT_KEY) must be at least 16 bytes"
                    + " in hex: the secret each project's participant key is derived from");
        }
        return HexFormat.of().parseHex(digits);
    }
}
