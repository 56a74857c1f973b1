package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReadingSampleTest {
    private static final List<Long> POPULATION = LongStream.range(100, 1100).boxed().toList();

    @Test
    void theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        byte[] seed = "verifier seed 1".getBytes(StandardCharsets.UTF_8);
        List<Long> sample = ReadingSample.draw(seed, POPULATION, 30);
        assertEquals(sample, ReadingSample.draw(seed, POPULATION, 30));
        assertNotEquals(sample, ReadingSample.draw("verifier seed 2".getBytes(StandardCharsets.UTF_8), POPULATION, 30));
        assertEquals(30, new HashSet<>(sample).size(), "no reading twice");
        assertTrue(POPULATION.containsAll(sample));
        assertEquals(sample.subList(0, 10), ReadingSample.draw(seed, POPULATION, 10), "a smaller sample is a prefix of a larger one");
    }

    @Test
    void theFirstDrawFollowsTheSpecWrittenOut() {
        // k = 0: partner = u_0 mod n, u_0 = first 8 bytes of SHA-256(seed || domain || 0).
        byte[] seed = {1, 2, 3};
        byte[] input = ByteBuffer.allocate(3 + 18 + 8).put(seed).put("solar-mrv-sample/1".getBytes(StandardCharsets.US_ASCII))
                .putLong(0).array();
        long u0 = ByteBuffer.wrap(Sha256.hash(input)).getLong();
        assertEquals(POPULATION.get((int) Long.remainderUnsigned(u0, POPULATION.size())),
                ReadingSample.draw(seed, POPULATION, 1).get(0));
    }

    @Test
    void drawingPositionsIsTheSameShuffleInConstantMemory() {
        byte[] seed = "positions".getBytes(StandardCharsets.UTF_8);
        List<Long> positions = LongStream.range(0, POPULATION.size()).boxed().toList();
        assertEquals(ReadingSample.draw(seed, positions, 200), ReadingSample.drawPositions(seed, POPULATION.size(), 200));
        assertEquals(5, ReadingSample.drawPositions(seed, 1L << 60, 5).size(), "a population far beyond memory");
    }

    @Test
    void aSampleLargerThanThePopulationIsThePopulationShuffled() {
        List<Long> all = ReadingSample.draw(new byte[] {9}, List.of(5L, 6L, 7L), 10);
        assertEquals(3, all.size());
        assertEquals(new HashSet<>(List.of(5L, 6L, 7L)), new HashSet<>(all));
    }

    @Test
    void everyReadingIsAboutEquallyLikely() {
        int[] hits = new int[10];
        List<Long> ten = LongStream.range(0, 10).boxed().toList();
        for (int s = 0; s < 5_000; s++) {
            hits[(int) (long) ReadingSample.draw(ByteBuffer.allocate(4).putInt(s).array(), ten, 1).get(0)]++;
        }
        for (int h : hits) {
            assertTrue(h > 400 && h < 600, "each of ten drawn about 500 times in 5,000: " + java.util.Arrays.toString(hits));
        }
    }
}
