package io.solarmrv.attestation.log;

import io.solarmrv.attestation.MerkleHash;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link DiskMerkleLogCrashTest}: appends leaf i = leafHash(i) in batches,
 * commits, and prints "acked N" after every commit until it is killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        try (DiskMerkleLog log = DiskMerkleLog.open(Path.of(args[0]))) {
            while (true) {
                int batch = 1 + (int) (log.size() % 97);
                for (int i = 0; i < batch; i++) {
                    log.append(leaf(log.size()));
                }
                log.commit();
                System.out.println("acked " + log.size());
                System.out.flush();
            }
        }
    }

    static byte[] leaf(long i) {
        return MerkleHash.leafHash(ByteBuffer.allocate(8).putLong(i).array());
    }
}
