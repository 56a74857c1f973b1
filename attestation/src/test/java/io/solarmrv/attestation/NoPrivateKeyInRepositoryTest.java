package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.junit.jupiter.api.Test;

/**
 * No tracked file of the repository is a private key: keys are made at run time (the agent's in its
 * data directory, the demo's and the tests' per run), never committed. A file counts as a private
 * key when it is a PEM block labelled {@code ... PRIVATE KEY} with a body, or parses as a PKCS#8
 * DER private key (RFC 5208/5958) of any algorithm.
 */
class NoPrivateKeyInRepositoryTest {
    private static final Pattern PEM_PRIVATE_KEY =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----\\s*([A-Za-z0-9+/=\\s]{16,}?)-----END \\1-----");

    static boolean isPrivateKey(byte[] content) {
        Matcher pem = PEM_PRIVATE_KEY.matcher(new String(content, StandardCharsets.ISO_8859_1));
        if (pem.find()) {
            return true;
        }
        try {
            PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(content)));
            return true;
        } catch (IOException | RuntimeException notAKey) {
            return false;
        }
    }

    @Test
    void noTrackedFileIsAPrivateKey() throws Exception {
        Path root = repositoryRoot();
        Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z").redirectErrorStream(true).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0, "git ls-files failed: " + listing);
        List<String> keys = new ArrayList<>();
        int checked = 0;
        for (String name : listing.split("\0")) {
            Path file = root.resolve(name);
            if (!name.isEmpty() && Files.isRegularFile(file)) {
                checked++;
                if (isPrivateKey(Files.readAllBytes(file))) {
                    keys.add(name);
                }
            }
        }
        assertTrue(checked > 100, "only " + checked + " tracked files found under " + root);
        assertEquals(List.of(), keys, "tracked files that are private keys: remove them (and rotate the keys: they are public now)");
    }

    @Test
    void pkcs8KeysAreRecognisedAsDerAndAsPem() throws Exception {
        byte[] ed25519 = GatewayKey.generate(new SecureRandom()).toPkcs8();
        assertTrue(isPrivateKey(ed25519));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        byte[] p256 = ec.generateKeyPair().getPrivate().getEncoded();
        assertTrue(isPrivateKey(p256));
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(p256)
                + "\n-----END PRIVATE KEY-----\n";
        assertTrue(isPrivateKey(("# a committed test fixture\n" + pem).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(isPrivateKey(pem.replace("PRIVATE KEY", "EC PRIVATE KEY").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void codeThatWritesAKeyAtRunTimeAndPublicKeysAreNotKeys() throws Exception {
        String code = "out.write(\"-----BEGIN PRIVATE KEY-----\\n\" + base64(key) + \"\\n-----END PRIVATE KEY-----\\n\");";
        assertFalse(isPrivateKey(code.getBytes(StandardCharsets.UTF_8)));
        assertFalse(isPrivateKey(GatewayKey.generate(new SecureRandom()).publicKey()));
        assertFalse(isPrivateKey("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("not inside a git checkout of the project: " + Path.of("").toAbsolutePath());
    }
}
