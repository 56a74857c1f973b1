package io.solarmrv.benchmarks;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.log.TiledLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Proof generation from the on-disk log for a random leaf of a large log. The log is built once in
 * {@code $TMPDIR/mrv-bench-tiles-<size>} as a tlog-tiles directory and reused by later runs (8-byte entries: 10^8 leaves take about 4.3 GB of tiles and entry bundles).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProofBenchmark {
    @Param({"1000000"})
    public long logSize;

    private TiledLog log;

    @Setup(Level.Trial)
    public void openOrBuild() throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "mrv-bench-tiles-" + logSize);
        log = TiledLog.open(directory);
        ByteBuffer leaf = ByteBuffer.allocate(8);
        while (log.size() < logSize) {
            leaf.clear();
            log.append(leaf.putLong(log.size()).array());
            if (log.size() % 1_000_000 == 0) {
                log.commit();
            }
        }
        log.commit();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
    }

    @Benchmark
    public List<byte[]> inclusionProof() {
        return log.inclusionProof(ThreadLocalRandom.current().nextLong(logSize), logSize);
    }

    @Benchmark
    public List<byte[]> consistencyProof() {
        return log.consistencyProof(1 + ThreadLocalRandom.current().nextLong(logSize - 1), logSize);
    }
}
