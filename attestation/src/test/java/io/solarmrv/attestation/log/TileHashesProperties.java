package io.solarmrv.attestation.log;

import io.solarmrv.attestation.MerkleTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A client's view of a tiled log ({@link TileHashes}), reading only the tiles a static server would
 * serve, gives the reference root and proofs ({@link MerkleTree}'s list form) at every size the
 * writer committed; and from full tiles alone where the partial ones are not served.
 */
class TileHashesProperties {
    @Property(tries = 25)
    boolean rootsAndProofsFromServedTilesEqualTheReference(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        int size = 1 + random.nextInt(random.nextBoolean() ? 600 : 70_000);
        Path dir = Files.createTempDirectory("tile-hashes");
        try {
            List<byte[]> leaves = new ArrayList<>();
            List<Integer> committed = new ArrayList<>();
            try (TiledLog log = TiledLog.open(dir)) {
                while (leaves.size() < size) {
                    int batch = Math.min(size - leaves.size(), 1 + random.nextInt(random.nextBoolean() ? 5 : 3_000));
                    for (int i = 0; i < batch; i++) {
                        log.append(CrashingWriter.entry(leaves.size()));
                        leaves.add(CrashingWriter.leaf(leaves.size()));
                    }
                    log.commit();
                    committed.add(leaves.size());
                }
            }
            TileHashes.Source served = path -> Files.isRegularFile(dir.resolve(path))
                    ? Optional.of(Files.readAllBytes(dir.resolve(path))) : Optional.empty();
            TileHashes.Source fullOnly = path -> path.contains(".p/") ? Optional.empty() : served.read(path);
            for (int check = 0; check < 4; check++) {
                int treeSize = committed.get(random.nextInt(committed.size()));
                List<byte[]> tree = leaves.subList(0, treeSize);
                int index = random.nextInt(treeSize);
                int old = random.nextInt(treeSize + 1);
                TileHashes client = new TileHashes(treeSize, served);
                if (!hex(List.of(MerkleTree.root(tree))).equals(hex(List.of(client.root())))
                        || !hex(MerkleTree.inclusionProof(tree, index)).equals(hex(MerkleTree.inclusionProof(client, treeSize, index)))
                        || !hex(MerkleTree.consistencyProof(tree, old)).equals(hex(MerkleTree.consistencyProof(client, treeSize, old)))) {
                    return false;
                }
                // A tile filled after this size: the full one's prefix serves where the partial is not served.
                if (treeSize < TilePath.WIDTH && size >= TilePath.WIDTH) {
                    if (!hex(List.of(MerkleTree.root(tree))).equals(hex(List.of(new TileHashes(treeSize, fullOnly).root())))) {
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

    private static String hex(List<byte[]> hashes) {
        StringBuilder out = new StringBuilder();
        hashes.forEach(h -> out.append(HexFormat.of().formatHex(h)).append(' '));
        return out.toString();
    }
}
