package io.solarmrv.attestation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an auditor pins instead of taking it from the bundle: the log's verifier key, the device-key
 * registry as the registry administrator published it, and the chain. A bundle carries its own trust
 * roots; a forged bundle would carry forged ones that its other checks then accept, so an auditor
 * who knows the real ones names them ({@code mrv verify --log-key --registry --chain-id}) and each
 * gets a check. Null: not pinned, no check.
 *
 * @param logVerifierKey the log's C2SP verifier key
 * @param registryText   the registry's text; every line of the bundle's registry must be one of its lines
 * @param chainId        the chain the anchors and the period are on
 */
public record TrustRoots(String logVerifierKey, String registryText, Long chainId) {
    public List<BundleVerifier.Check> check(ProofBundle bundle) {
        List<BundleVerifier.Check> checks = new ArrayList<>();
        if (logVerifierKey != null) {
            boolean same = logVerifierKey.strip().equals(bundle.logVerifierKey().strip());
            checks.add(new BundleVerifier.Check("trust root log key", same, same ? "the bundle's checkpoints are signed by the pinned key "
                    + logVerifierKey.strip() : "the bundle names log key " + bundle.logVerifierKey() + ", not the pinned " + logVerifierKey.strip()));
        }
        if (registryText != null) {
            Set<String> published = Set.copyOf(lines(registryText));
            List<String> foreign = lines(bundle.registry()).stream().filter(line -> !published.contains(line)).toList();
            checks.add(new BundleVerifier.Check("trust root registry", foreign.isEmpty(), foreign.isEmpty()
                    ? "every one of the bundle's " + lines(bundle.registry()).size() + " registry lines is in the pinned registry"
                    : foreign.size() + " of the bundle's registry lines are not in the pinned registry, first: " + foreign.get(0)));
        }
        if (chainId != null) {
            boolean same = chainId == bundle.anchor().chainId();
            checks.add(new BundleVerifier.Check("trust root chain", same, same ? "anchors on the pinned chain " + chainId
                    : "the bundle's anchors are on chain " + bundle.anchor().chainId() + ", not the pinned " + chainId));
        }
        return checks;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
