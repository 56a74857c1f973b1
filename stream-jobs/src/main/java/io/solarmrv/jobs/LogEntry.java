package io.solarmrv.jobs;

/**
 * What the Merkle log appender emits, in order: a leaf it appended, or a checkpoint it took.
 * Exactly one of the two is set.
 */
public record LogEntry(LogLeaf leaf, LogCheckpoint checkpoint) {
    public static LogEntry of(LogLeaf leaf) {
        return new LogEntry(leaf, null);
    }

    public static LogEntry of(LogCheckpoint checkpoint) {
        return new LogEntry(null, checkpoint);
    }
}
