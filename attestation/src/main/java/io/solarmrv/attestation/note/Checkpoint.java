package io.solarmrv.attestation.note;

import java.util.Base64;

/**
 * A C2SP tlog-checkpoint body: {@code <origin>\n<tree size>\n<base64 root>\n}. Signed as a note by
 * the pipeline's log key.
 */
public record Checkpoint(String origin, long treeSize, byte[] root) {

    public Checkpoint {
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("origin must be one non-empty line");
        }
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must be >= 0");
        }
        if (root.length != 32) {
            throw new IllegalArgumentException("root must be 32 bytes");
        }
        root = root.clone();
    }

    public String noteText() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** The origin of a checkpoint, signed or not: its first line (which also names the log on chain). */
    public static String originOf(String checkpointOrSignedNote) {
        int end = checkpointOrSignedNote.indexOf('\n');
        if (end <= 0) {
            throw new IllegalArgumentException("a checkpoint begins with its origin line");
        }
        return checkpointOrSignedNote.substring(0, end);
    }

    /** Parses a checkpoint body (extension lines after the root are allowed and ignored). */
    public static Checkpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("a checkpoint has origin, size and root lines");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint size '" + lines[1] + "' is not a decimal number");
        }
        if (!lines[1].equals(Long.toString(size))) {
            throw new IllegalArgumentException("checkpoint size '" + lines[1] + "' is not in canonical decimal");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint root is not base64");
        }
        return new Checkpoint(lines[0], size, root);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }
}
