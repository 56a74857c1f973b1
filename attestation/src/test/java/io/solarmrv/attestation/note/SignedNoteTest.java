package io.solarmrv.attestation.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.GatewayKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The C2SP signed-note example (golang.org/x/mod/sumdb/note) and our checkpoints. */
class SignedNoteTest {
    private static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String NOTE = TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void thePublishedExampleVerifiesAndIsReproducedByteForByte() {
        NoteKeys.VerifierKey key = NoteKeys.parseVerifier(VKEY);
        SignedNote.Opened opened = SignedNote.open(NOTE, key);
        assertTrue(opened.verified(), opened.reason());
        assertEquals(TEXT, opened.text());
        NoteKeys.SignerKey signer = NoteKeys.parseSigner(SKEY);
        assertEquals(VKEY, signer.verifierKey().toString());
        assertEquals(NOTE, SignedNote.sign(TEXT, signer), "Ed25519 is deterministic: same bytes as the spec");
    }

    @Test
    void tamperingOrAnotherKeyFails() {
        NoteKeys.VerifierKey key = NoteKeys.parseVerifier(VKEY);
        assertFalse(SignedNote.open(NOTE.replace("cryptography", "cryptographY"), key).verified());
        NoteKeys.VerifierKey other = NoteKeys.newSigner("PeterNeumann", GatewayKey.generate(new SecureRandom())).verifierKey();
        SignedNote.Opened opened = SignedNote.open(NOTE, other);
        assertFalse(opened.verified());
        assertTrue(opened.reason().startsWith("no signature by PeterNeumann"), opened.reason());
    }

    @Test
    void malformedKeysAndNotesAreRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> NoteKeys.parseVerifier(VKEY.replace("c74f20a3", "c74f20a4")));
        assertThrows(IllegalArgumentException.class, () -> NoteKeys.parseVerifier("PeterNeumann+c74f20a3"));
        IllegalArgumentException noBlank = assertThrows(IllegalArgumentException.class,
                () -> SignedNote.open(TEXT, NoteKeys.parseVerifier(VKEY)));
        assertTrue(noBlank.getMessage().contains("blank line"));
    }

    @Test
    void checkpointsRoundTripAsSignedNotes() {
        NoteKeys.SignerKey logKey = NoteKeys.newSigner("solar-mrv.example/log", GatewayKey.generate(new SecureRandom()));
        byte[] root = new byte[32];
        root[0] = 7;
        Checkpoint checkpoint = new Checkpoint("solar-mrv.example/log", 2122, root);
        String note = SignedNote.sign(checkpoint.noteText(), logKey);
        SignedNote.Opened opened = SignedNote.open(note, logKey.verifierKey());
        assertTrue(opened.verified());
        Checkpoint parsed = Checkpoint.parse(opened.text());
        assertEquals(2122, parsed.treeSize());
        assertArrayEquals(root, parsed.root());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("origin\n012\nAAAA\n"));
    }
}
