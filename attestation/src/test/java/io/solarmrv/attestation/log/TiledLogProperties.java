package io.solarmrv.attestation.log;

import io.solarmrv.attestation.MerkleTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Roots and proofs read from tiles equal the in-memory reference ({@link MerkleTree}'s list form)
 * for random sizes, committed at random points, the log reopened between commits.
 */
class TiledLogProperties {
    @Property(tries = 40)
    boolean proofsFromTilesEqualTheReference(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        int size = 1 + random.nextInt(random.nextBoolean() ? 600 : 70_000);
        Path dir = Files.createTempDirectory("tiled-log");
        try {
            List<byte[]> leaves = new ArrayList<>();
            TiledLog log = TiledLog.open(dir);
            while (leaves.size() < size) {
                int batch = Math.min(size - leaves.size(), 1 + random.nextInt(random.nextBoolean() ? 5 : 3_000));
                for (int i = 0; i < batch; i++) {
                    log.append(CrashingWriter.entry(leaves.size()));
                    leaves.add(CrashingWriter.leaf(leaves.size()));
                }
                log.commit();
                if (random.nextInt(4) == 0) {
                    log.close();
                    log = TiledLog.open(dir);
                }
            }
            try (TiledLog reading = log) {
                for (int check = 0; check < 5; check++) {
                    int treeSize = 1 + random.nextInt(size);
                    List<byte[]> tree = leaves.subList(0, treeSize);
                    int index = random.nextInt(treeSize);
                    int old = random.nextInt(treeSize + 1);
                    if (!HexFormat.of().formatHex(MerkleTree.root(tree)).equals(HexFormat.of().formatHex(reading.root(treeSize)))
                            || !hex(MerkleTree.inclusionProof(tree, index)).equals(hex(reading.inclusionProof(index, treeSize)))
                            || !hex(MerkleTree.consistencyProof(tree, old)).equals(hex(reading.consistencyProof(old, treeSize)))) {
                        return false;
                    }
                }
            }
            return true;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
