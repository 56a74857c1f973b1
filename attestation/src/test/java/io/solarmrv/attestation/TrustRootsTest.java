package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustRootsTest {
    private static final String KEY = "solar-mrv.local/log+9f374873+AS7o30HyyvS0nXHopW/pJaucMrHe8N1YojiSas8i7mpv";

    private static ProofBundle bundle(String registry, String logKey, long chainId) {
        return new ProofBundle("p", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), BigDecimal.ONE, Map.of(), 0, Map.of(), 0,
                BigDecimal.ZERO, 0, registry, logKey, List.of(), new ProofBundle.Anchor(chainId, "0x0"), List.of());
    }

    private static BundleVerifier.Check check(List<BundleVerifier.Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void nothingPinnedChecksNothing() {
        assertEquals(List.of(), new TrustRoots(null, null, null).check(bundle("a ed25519:x\n", KEY, 1)));
    }

    @Test
    void aPinnedLogKeyMustBeTheBundles() {
        TrustRoots pinned = new TrustRoots(KEY + "\n", null, null);
        assertTrue(check(pinned.check(bundle("", KEY, 1)), "trust root log key").passed());
        BundleVerifier.Check other = check(pinned.check(bundle("", "forged.example/log+00000000+AAAA", 1)), "trust root log key");
        assertEquals(false, other.passed());
        assertTrue(other.detail().startsWith("the bundle names log key forged.example/log"), other.detail());
    }

    @Test
    void everyRegistryLineOfTheBundleMustBeInThePinnedRegistry() {
        TrustRoots pinned = new TrustRoots(null, "# published 2026-12-06\ninv-1 ed25519:AAA\ninv-2 ed25519:BBB\ninv-2 meter:SN-2\n", null);
        assertTrue(check(pinned.check(bundle("inv-2 ed25519:BBB\ninv-2 meter:SN-2\n", KEY, 1)), "trust root registry").passed(),
                "a bundle carries its devices' lines only");
        BundleVerifier.Check forged = check(pinned.check(bundle("inv-2 ed25519:EVIL\n", KEY, 1)), "trust root registry");
        assertEquals(false, forged.passed());
        assertTrue(forged.detail().endsWith("first: inv-2 ed25519:EVIL"), forged.detail());
    }

    @Test
    void aPinnedChainMustBeTheAnchors() {
        TrustRoots pinned = new TrustRoots(null, null, 1L);
        assertTrue(check(pinned.check(bundle("", KEY, 1)), "trust root chain").passed());
        assertEquals(false, check(pinned.check(bundle("", KEY, 31337)), "trust root chain").passed());
    }
}
