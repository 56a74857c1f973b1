package io.solarmrv.attestation.log;

import io.solarmrv.attestation.MerkleHash;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link TiledLogCrashTest}: appends entry i (its index) in batches,
 * commits, and prints "acked N" after every commit until it is killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (TiledLog log = TiledLog.open(Path.of(args[0]))) {
            while (true) {
                int batch = 1 + (int) (log.size() % 97);
                for (int i = 0; i < batch; i++) {
                    log.append(entry(log.size()));
                }
                log.commit();
                System.out.println("acked " + log.size());
                System.out.flush();
            }
        }
    }

    /** Entry i: its index, 8 bytes big-endian. */
    static byte[] entry(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    /** The leaf hash of entry i. */
    static byte[] leaf(long i) {
        return MerkleHash.leafHash(entry(i));
    }
}
