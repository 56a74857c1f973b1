package io.solarmrv.verifier;

import io.solarmrv.bundle.ProofBundleJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.solarmrv.attestation.BundleVerifier;
import io.solarmrv.attestation.BundleVerifier.Check;
import io.solarmrv.attestation.ProofBundle;
import io.solarmrv.attestation.TrustRoots;
import io.solarmrv.attestation.note.Checkpoint;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.ChainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mrv verify BUNDLE}: an auditor's check of a proof bundle, offline and against the chain;
 * {@code mrv verify --log URL --device D --at T}: of one further reading, against the log ({@link LogReadingCheck}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a proof bundle: every signature, chain link, inclusion proof and recomputed figure;",
            "with --rpc also that every checkpoint root is anchored on chain; --log-key, --registry and --chain-id pin",
            "the trust roots instead of taking the bundle's. Prints a line per check (one per kind where a kind has more",
            "than 5, e.g. per meter, with every failure in full; --json lists each) and a verdict.",
            "With --log URL --device D --at T (and --log-key, --registry pinned; an API token in --token-file or MRV_TOKEN):",
            "the device's reading at T, proven from the log's tiles against its signed checkpoint.",
            "Exit status: 0 all checks hold, 1 some do not, 2 the bundle cannot be read or the options do not fit."})
public final class VerifyCommand implements Callable<Integer> {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new VerifyCommand()).execute(args));
    }

    @Parameters(index = "0", arity = "0..1", description = "The proof bundle (JSON, " + ProofBundle.FORMAT + ")")
    Path bundleFile;

    @Option(names = "--log", description = "The creation service's URL: check one reading against its log instead of a bundle")
    String logUrl;

    @Option(names = "--device", description = "With --log: the device whose reading to check")
    String device;

    @Option(names = "--at", description = "With --log: the time (ISO-8601) whose reading to check: the device's last at or before it")
    String at;

    @Option(names = "--token-file", description = "With --log: a file holding the API token (else the environment's MRV_TOKEN)")
    Path tokenFile;

    @Option(names = "--rpc", description = "EVM JSON-RPC URL to check anchors against")
    String rpc;

    @Option(names = "--contract", description = "AnchorRegistry address (default: the bundle's)")
    String contract;

    @Option(names = "--json", description = "Print every check as JSON")
    boolean json;

    @Option(names = "--log-key", description = {"Pin the log's C2SP verifier key: the bundle's must be this one",
        "(otherwise its checkpoints are checked against the key the bundle itself names)"})
    String pinnedLogKey;

    @Option(names = "--registry", description = {"Pin the device-key registry (the file GET /registry.txt serves): every",
        "registry line of the bundle must be in it"})
    Path pinnedRegistry;

    @Option(names = "--chain-id", description = "Pin the chain: the bundle's anchors must be on this chain id, and --rpc is read as it")
    Long pinnedChainId;

    @Override
    public Integer call() {
        if (logUrl != null) {
            return verifyFromLog();
        }
        if (bundleFile == null) {
            System.out.println("MALFORMED: give a proof bundle, or --log URL --device D --at T");
            return 2;
        }
        ProofBundle bundle;
        try {
            bundle = ProofBundleJson.read(bundleFile);
        } catch (IOException | RuntimeException e) {
            System.out.println("MALFORMED: cannot read " + bundleFile + ": " + e.getMessage());
            return 2;
        }
        List<Check> checks = new ArrayList<>();
        try {
            checks.addAll(new TrustRoots(pinnedLogKey, pinnedRegistry == null ? null : Files.readString(pinnedRegistry), pinnedChainId)
                    .check(bundle));
        } catch (IOException e) {
            System.out.println("MALFORMED: cannot read the pinned registry " + pinnedRegistry + ": " + e.getMessage());
            return 2;
        }
        checks.addAll(BundleVerifier.verify(bundle));
        if (rpc != null) {
            checks.addAll(anchorChecks(bundle));
        }
        boolean allPassed = checks.stream().allMatch(Check::passed);
        print(checks, allPassed);
        return allPassed ? 0 : 1;
    }

    /** One reading, from the log: every trust root pinned, since there is no bundle to name them. */
    private int verifyFromLog() {
        String token = System.getenv("MRV_TOKEN");
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile).strip();
            } catch (IOException e) {
                System.out.println("MALFORMED: cannot read the token file " + tokenFile + ": " + e.getMessage());
                return 2;
            }
        }
        List<String> missing = new ArrayList<>();
        if (device == null) {
            missing.add("--device");
        }
        if (at == null) {
            missing.add("--at");
        }
        if (pinnedLogKey == null) {
            missing.add("--log-key");
        }
        if (pinnedRegistry == null) {
            missing.add("--registry");
        }
        if (rpc != null && (contract == null || pinnedChainId == null)) {
            missing.add("--contract and --chain-id (with --rpc)");
        }
        if (token == null || token.isBlank()) {
            missing.add("an API token, in --token-file or MRV_TOKEN (POST /tokens, a verifier's or auditor's)");
        }
        if (!missing.isEmpty()) {
            System.out.println("MALFORMED: --log needs " + String.join(", ", missing));
            return 2;
        }
        java.time.Instant instant;
        io.solarmrv.attestation.note.NoteKeys.VerifierKey logKey;
        io.solarmrv.attestation.DeviceRegistry registry;
        try {
            instant = java.time.Instant.parse(at);
            logKey = io.solarmrv.attestation.note.NoteKeys.parseVerifier(pinnedLogKey);
            registry = io.solarmrv.attestation.DeviceRegistry.parse(Files.readString(pinnedRegistry));
        } catch (java.time.format.DateTimeParseException | IllegalArgumentException | IOException e) {
            System.out.println("MALFORMED: " + e.getMessage());
            return 2;
        }
        LogReadingCheck.Outcome outcome = new LogReadingCheck(logUrl, token).check(device, instant, logKey, registry);
        List<Check> checks = new ArrayList<>(outcome.checks());
        if (rpc != null && outcome.checkpoint() != null) {
            Checkpoint checkpoint = outcome.checkpoint();
            try (AnchorClient chain = AnchorClient.connect(ChainConfig.readOnly(rpc, pinnedChainId), contract)) {
                Optional<byte[]> anchored = chain.rootAt(AnchorClient.logIdOf(checkpoint.origin()), checkpoint.treeSize());
                checks.add(new Check("anchor " + checkpoint.treeSize(), anchored.isPresent()
                        && MessageDigest.isEqual(anchored.get(), checkpoint.root()), anchored.map(root -> "chain " + pinnedChainId
                        + " holds root " + HexFormat.of().formatHex(root) + " for tree size " + checkpoint.treeSize() + " at " + contract)
                        .orElse("no root is anchored for tree size " + checkpoint.treeSize() + " at " + contract)));
            } catch (Exception e) {
                checks.add(new Check("anchor", false, "cannot read anchors from " + rpc + ": " + e.getMessage()));
            }
        }
        boolean allPassed = checks.stream().allMatch(Check::passed);
        print(checks, allPassed);
        return allPassed ? 0 : 1;
    }

    private List<Check> anchorChecks(ProofBundle bundle) {
        List<Check> checks = new ArrayList<>();
        String address = contract != null ? contract : bundle.anchor().contractAddress();
        // Reads only: the key is never used to send anything.
        ChainConfig readOnly = ChainConfig.readOnly(rpc, pinnedChainId != null ? pinnedChainId : bundle.anchor().chainId());
        try (AnchorClient chain = AnchorClient.connect(readOnly, address)) {
            int anchoredCount = 0;
            for (ProofBundle.Checkpoint checkpoint : bundle.checkpoints()) {
                byte[] logId = AnchorClient.logIdOf(Checkpoint.originOf(checkpoint.signedNote()));
                Optional<byte[]> anchored = chain.rootAt(logId, checkpoint.treeSize());
                String name = "anchor " + checkpoint.treeSize();
                if (anchored.isEmpty()) {
                    checks.add(new Check(name, false, "no root is anchored for tree size " + checkpoint.treeSize() + " at " + address));
                } else if (!MessageDigest.isEqual(anchored.get(), checkpoint.root())) {
                    checks.add(new Check(name, false, "chain holds root " + HexFormat.of().formatHex(anchored.get())
                            + ", bundle states " + HexFormat.of().formatHex(checkpoint.root())));
                } else {
                    anchoredCount++;
                }
            }
            checks.add(new Check("anchors", anchoredCount == bundle.checkpoints().size(), anchoredCount + " of "
                    + bundle.checkpoints().size() + " checkpoint roots are anchored at " + address + " (chain " + bundle.anchor().chainId() + ")"));
        } catch (Exception e) {
            checks.add(new Check("anchors", false, "cannot read anchors from " + rpc + ": " + e.getMessage()));
        }
        if (bundle.anchor().periodId() > 0) {
            checks.addAll(PeriodChecks.against(readOnly, bundle));
        }
        return checks;
    }

    private void print(List<Check> checks, boolean allPassed) {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("verdict", allPassed ? "VERIFIED" : "NOT VERIFIED");
            ArrayNode list = root.putArray("checks");
            checks.forEach(c -> list.addObject().put("check", c.name()).put("passed", c.passed()).put("detail", c.detail()));
            System.out.println(root.toPrettyString());
            return;
        }
        CheckReport.lines(checks).forEach(System.out::println);
        System.out.println(allPassed ? "VERIFIED: every check holds" : "NOT VERIFIED: "
                + checks.stream().filter(c -> !c.passed()).count() + " check(s) failed");
    }
}
