package io.solarmrv.attestation.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.MerkleVerifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer process (SIGKILL) mid-append, again and again, and reopens the log each time: no
 * acknowledged leaf is lost and the tree is exactly the tree of the leaves it holds.
 */
class TiledLogCrashTest {

    @Test
    void killMinus9MidAppendLosesNoAcknowledgedLeafAndCorruptsNothing(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        long acknowledged = 0;
        for (int round = 0; round < 6; round++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            long killAfterAcks = 50 + random.nextInt(400);
            for (long acks = 0; acks < killAfterAcks; acks++) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("acked "), "writer said: " + line);
                acknowledged = Long.parseLong(line.substring("acked ".length()));
            }
            writer.destroyForcibly().waitFor();   // SIGKILL while it keeps appending

            try (TiledLog log = TiledLog.open(dir)) {
                assertTrue(log.size() >= acknowledged,
                        "round " + round + ": " + acknowledged + " leaves were acknowledged, " + log.size() + " recovered");
                List<byte[]> expected = new ArrayList<>();
                for (long i = 0; i < log.size(); i++) {
                    expected.add(CrashingWriter.leaf(i));
                    assertArrayEquals(expected.get((int) i), log.leafHash(i), "leaf " + i);
                    assertArrayEquals(CrashingWriter.entry(i), log.entry(i), "entry " + i);
                }
                byte[] root = log.root(log.size());
                assertArrayEquals(MerkleTree.root(expected), root, "round " + round);
                long index = random.nextLong(log.size());
                assertTrue(MerkleVerifier.verifyInclusion(index, log.size(), expected.get((int) index),
                        log.inclusionProof(index, log.size()), root));
            }
        }
    }
}
