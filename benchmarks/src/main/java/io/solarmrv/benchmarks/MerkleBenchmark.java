package io.solarmrv.benchmarks;

import io.solarmrv.attestation.internal.CompactRange;
import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.log.TiledLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Merkle log appends per second (in memory and on disk) and SHA-256 leaf hashing as the bound. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MerkleBenchmark {
    private static final int BATCH = 10_000;

    private byte[][] leafHashes;
    private byte[] envelope;
    private CompactRange range;
    private Path directory;
    private TiledLog log;
    private byte[][] entries;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        leafHashes = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            leafHashes[i] = MerkleHash.leafHash(ByteBuffer.allocate(8).putLong(i).array());
        }
        entries = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            entries[i] = new byte[180];
            ThreadLocalRandom.current().nextBytes(entries[i]);
        }
        envelope = new byte[180];
        ThreadLocalRandom.current().nextBytes(envelope);
        range = new CompactRange();
        directory = Files.createTempDirectory("merkle-bench");
        log = TiledLog.open(directory);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** SHA-256 of one 180-byte envelope with the leaf prefix: the work every append must do. */
    @Benchmark
    public byte[] leafHash() {
        return MerkleHash.leafHash(envelope);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long compactRangeAppend() {
        for (byte[] leaf : leafHashes) {
            range.append(leaf);
        }
        return range.size();
    }

    /** Appends 180-byte entries to the tiled log, committed (tiles and bundles written, fsync) once per batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long tiledLogAppendAndCommit() throws IOException {
        for (byte[] entry : entries) {
            log.append(entry);
        }
        log.commit();
        return log.size();
    }

}
