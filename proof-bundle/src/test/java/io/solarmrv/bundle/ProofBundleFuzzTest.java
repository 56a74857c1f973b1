package io.solarmrv.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.solarmrv.attestation.BundleVerifier;
import io.solarmrv.attestation.ProofBundle;
import java.io.IOException;

/**
 * A proof bundle as {@code mrv verify} meets it, from anyone: reading it may refuse only with an
 * {@link IOException} (not JSON) or an {@link IllegalArgumentException} naming the field; a bundle
 * that reads is verified without any exception, every fault a failed check.
 */
class ProofBundleFuzzTest {
    @FuzzTest(maxExecutions = 1_000_000)
    void proofBundles(byte[] json) {
        ProofBundle bundle;
        try {
            bundle = ProofBundleJson.read(json);
        } catch (IOException | IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
            return;
        }
        BundleVerifier.verify(bundle);
    }
}
