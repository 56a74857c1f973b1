package io.solarmrv.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mrv merkle}: exit 0 when a proof holds, 1 when it does not, 2 on malformed input. */
class MerkleCommandTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

    private record Result(int exit, String out) {
    }

    private static Result mrv(String stdin, String... args) {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Object command = args[0].equals("merkle") ? new MerkleCommand() : new NoteCommand();
            int exit = new CommandLine(command).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
            return new Result(exit, out.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
        }
    }

    private static List<byte[]> leafHashes() {
        List<byte[]> hashes = new ArrayList<>();
        for (String leaf : LEAVES) {
            hashes.add(MerkleHash.leafHash(HEX.parseHex(leaf)));
        }
        return hashes;
    }

    private static String join(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).collect(Collectors.joining(","));
    }

    @Test
    void rootPrintsThePublishedRfc6962Root() {
        String stdin = leafHashes().stream().map(HEX::formatHex).collect(Collectors.joining("\n"));
        Result result = mrv(stdin, "merkle", "root");
        assertEquals(0, result.exit());
        assertEquals("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", result.out());
    }

    @Test
    void inclusionHoldsFailsOrIsMalformed() {
        List<byte[]> leaves = leafHashes();
        String root = HEX.formatHex(MerkleTree.root(leaves));
        String proof = join(MerkleTree.inclusionProof(leaves, 5));
        String leaf = HEX.formatHex(leaves.get(5));

        Result holds = mrv("", "merkle", "inclusion", "--index", "5", "--size", "8", "--leaf-hash", leaf, "--root", root, "--proof", proof);
        assertEquals(0, holds.exit(), holds.out());
        Result wrongIndex = mrv("", "merkle", "inclusion", "--index", "4", "--size", "8", "--leaf-hash", leaf, "--root", root, "--proof", proof);
        assertEquals(1, wrongIndex.exit(), wrongIndex.out());
        assertTrue(wrongIndex.out().startsWith("FAIL"));
        Result notHex = mrv("", "merkle", "inclusion", "--index", "5", "--size", "8", "--leaf-hash", "xyz", "--root", root, "--proof", proof);
        assertEquals(2, notHex.exit());
        assertTrue(notHex.out().contains("leaf hash is not hex"), notHex.out());
        Result outside = mrv("", "merkle", "inclusion", "--index", "8", "--size", "8", "--leaf-hash", leaf, "--root", root);
        assertEquals(2, outside.exit());
    }

    @Test
    void consistencyHoldsAndFails() {
        List<byte[]> leaves = leafHashes();
        String root3 = HEX.formatHex(MerkleTree.root(leaves.subList(0, 3)));
        String root8 = HEX.formatHex(MerkleTree.root(leaves));
        String proof = join(MerkleTree.consistencyProof(leaves, 3));
        assertEquals(0, mrv("", "merkle", "consistency", "--size1", "3", "--size2", "8", "--root1", root3, "--root2", root8, "--proof", proof).exit());
        assertEquals(1, mrv("", "merkle", "consistency", "--size1", "3", "--size2", "8", "--root1", root8, "--root2", root8, "--proof", proof).exit());
        assertEquals(2, mrv("", "merkle", "consistency", "--size1", "9", "--size2", "8", "--root1", root3, "--root2", root8).exit());
    }

    @Test
    void noteVerifyChecksTheC2spExample() {
        String vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        String note = "If you think cryptography is the answer to your problem,\n"
                + "then you don't know what your problem is.\n\n"
                + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
        assertEquals(0, mrv(note, "note", "verify", "--vkey", vkey).exit());
        assertEquals(1, mrv(note.replace("answer", "Answer"), "note", "verify", "--vkey", vkey).exit());
        assertEquals(2, mrv("no signature here\n", "note", "verify", "--vkey", vkey).exit());
    }
}
