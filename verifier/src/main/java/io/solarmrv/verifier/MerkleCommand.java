package io.solarmrv.verifier;

import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.MerkleVerifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * RFC 9162 Merkle tree checks for auditors, to cross-check against other implementations.
 * Exit status: 0 the proof holds, 1 it does not, 2 malformed input; one line says why.
 */
@Command(name = "merkle", mixinStandardHelpOptions = true,
        description = {"RFC 9162 Merkle tree roots and proof checks (SHA-256), for cross-checking other implementations.",
            "Exit status: 0 the proof holds, 1 it does not, 2 malformed input."},
        subcommands = {MerkleCommand.Root.class, MerkleCommand.Inclusion.class, MerkleCommand.Consistency.class})
public final class MerkleCommand implements Runnable {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MerkleCommand()).execute(args));
    }

    static final int HOLDS = 0;
    static final int FAILS = 1;
    static final int MALFORMED = 2;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Thrown for input that is not well formed; the message is the one-line reason. */
    static final class MalformedInput extends Exception {
        MalformedInput(String message) {
            super(message);
        }
    }

    static byte[] hash(String name, String hex) throws MalformedInput {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedInput(name + " is not hex: '" + hex + "'");
        }
        if (bytes.length != 32) {
            throw new MalformedInput(name + " must be 32 bytes (64 hex digits), was " + bytes.length + " bytes");
        }
        return bytes;
    }

    static List<byte[]> proof(String list) throws MalformedInput {
        List<byte[]> hashes = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return hashes;
        }
        String[] parts = list.split(",");
        for (int i = 0; i < parts.length; i++) {
            hashes.add(hash("proof element " + (i + 1), parts[i]));
        }
        return hashes;
    }

    static int verdict(boolean holds, String what) {
        System.out.println(holds ? "OK: " + what + " holds" : "FAIL: " + what + " does not hold");
        return holds ? HOLDS : FAILS;
    }

    @Command(name = "root", mixinStandardHelpOptions = true,
            description = "Reads leaf hashes (hex, one per line) on stdin and prints the tree's root hash (hex).")
    static final class Root implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            List<byte[]> leaves = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    leaves.add(hash("line " + lineNumber, line));
                } catch (MalformedInput e) {
                    System.out.println("MALFORMED: " + e.getMessage());
                    return MALFORMED;
                }
            }
            System.out.println(HexFormat.of().formatHex(MerkleTree.root(leaves)));
            return HOLDS;
        }
    }

    @Command(name = "inclusion", mixinStandardHelpOptions = true,
            description = "Checks that the leaf hash is at --index in the tree of --size leaves with --root.")
    static final class Inclusion implements Callable<Integer> {
        @Option(names = "--index", required = true) long index;
        @Option(names = "--size", required = true) long size;
        @Option(names = "--leaf-hash", required = true) String leafHash;
        @Option(names = "--root", required = true) String root;
        @Option(names = "--proof", description = "Audit path: hex hashes, comma-separated (empty for a one-leaf tree)") String proof;

        @Override
        public Integer call() {
            try {
                if (index < 0 || size < 1 || index >= size) {
                    throw new MalformedInput("index " + index + " is not inside a tree of size " + size);
                }
                return verdict(MerkleVerifier.verifyInclusion(index, size, hash("leaf hash", leafHash), proof(proof),
                        hash("root", root)), "inclusion of leaf " + index + " in tree of size " + size);
            } catch (MalformedInput e) {
                System.out.println("MALFORMED: " + e.getMessage());
                return MALFORMED;
            }
        }
    }

    @Command(name = "consistency", mixinStandardHelpOptions = true,
            description = "Checks that the tree of --size1 leaves with --root1 is a prefix of the tree of --size2 leaves with --root2.")
    static final class Consistency implements Callable<Integer> {
        @Option(names = "--size1", required = true) long size1;
        @Option(names = "--size2", required = true) long size2;
        @Option(names = "--root1", required = true) String root1;
        @Option(names = "--root2", required = true) String root2;
        @Option(names = "--proof", description = "Consistency proof: hex hashes, comma-separated") String proof;

        @Override
        public Integer call() {
            try {
                if (size1 < 0 || size2 < size1) {
                    throw new MalformedInput("sizes must satisfy 0 <= size1 <= size2, were " + size1 + " and " + size2);
                }
                return verdict(MerkleVerifier.verifyConsistency(size1, size2, hash("root1", root1), hash("root2", root2),
                        proof(proof)), "consistency of size " + size1 + " with size " + size2);
            } catch (MalformedInput e) {
                System.out.println("MALFORMED: " + e.getMessage());
                return MALFORMED;
            }
        }
    }
}
