package io.solarmrv.attestation.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.MalformedEvidenceException;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parsers of evidence that arrives from outside (a gateway, a broker, a bundle, a log's
 * checkpoint), fuzzed with Jazzer: the only exception that may leave each is its declared one, with
 * a message naming what was wrong. The default test run replays the inputs in
 * {@code EvidenceParsersFuzzTestInputs/}; {@code ./mrv fuzz} (docs/SECURITY.md) fuzzes each target.
 */
class EvidenceParsersFuzzTest {
    private static final NoteKeys.VerifierKey LOG_KEY = NoteKeys.newSigner("fuzz.example/log",
            GatewayKey.fromSeed(new byte[32])).verifierKey();

    /** A declared refusal must say what was wrong. */
    static void named(RuntimeException refusal) {
        if (refusal.getMessage() == null || refusal.getMessage().isBlank()) {
            throw new AssertionError("refused without saying why", refusal);
        }
    }

    /** CBOR/COSE: one signed reading, a batched reading, a signed batch, or a bundle of stored readings. */
    @FuzzTest(maxExecutions = 1_000_000)
    void signedReadings(byte[] message) {
        try {
            List<SignedReading> readings = SignedReading.unpack(message);
            for (SignedReading reading : readings) {
                reading.reading();
                reading.readingHash();
                reading.toWire();
            }
        } catch (MalformedEvidenceException e) {
            named(e);
        }
    }

    /** The registry's text, as the job reads it: a bad line is left out with its reason, never thrown. */
    @FuzzTest(maxExecutions = 1_000_000)
    void registryText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);   // as it arrives: bytes
        DeviceRegistry registry = DeviceRegistry.parse(text, reason -> {
            if (reason.isBlank()) {
                throw new AssertionError("a line left out without a reason");
            }
        });
        registry.keys().forEach(DeviceRegistry.DeviceKey::line);
        registry.meters().forEach(DeviceRegistry.MeterSerial::line);
    }

    /** A C2SP signed note (a checkpoint or a witness cosignature), opened against the log's key. */
    @FuzzTest(maxExecutions = 1_000_000)
    void signedNotes(byte[] input) {
        String note = new String(input, StandardCharsets.UTF_8);   // as it arrives: bytes
        try {
            SignedNote.open(note, LOG_KEY);
        } catch (IllegalArgumentException e) {
            named(e);
        }
    }

    /** A checkpoint body: origin, size and root lines. */
    @FuzzTest(maxExecutions = 1_000_000)
    void checkpoints(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);   // as it arrives: bytes
        try {
            Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            named(e);
        }
    }

    /** A log's verifier key as a proof bundle names it ({@code <name>+<hash>+<key>}). */
    @FuzzTest(maxExecutions = 1_000_000)
    void verifierKeys(byte[] input) {
        String vkey = new String(input, StandardCharsets.UTF_8);   // as it arrives: bytes
        try {
            NoteKeys.parseVerifier(vkey);
        } catch (IllegalArgumentException e) {
            named(e);
        }
    }
}
