package io.solarmrv.edge.store;

import io.solarmrv.attestation.MalformedEvidenceException;
import io.solarmrv.attestation.SignedReading;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last sequence number and reading hash of each device, as far as the store has seen: folded
 * from every stored reading, and saved (write, fsync, atomic rename) before a segment that held
 * readings is deleted, so the heads survive the readings themselves.
 */
public final class ChainHeads {
    private final Path file;
    private final Map<String, Head> heads = new LinkedHashMap<>();

    /** A device's last stored reading. */
    public record Head(long sequence, byte[] readingHash) {
    }

    ChainHeads(Path file) {
        this.file = file;
    }

    void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                throw new IOException(file + " is corrupt: '" + line + "'");
            }
            heads.put(parts[0], new Head(Long.parseLong(parts[1]), HexFormat.of().parseHex(parts[2])));
        }
    }

    void fold(byte[] record) {
        try {
            SignedReading reading = SignedReading.fromWire(record);
            String device = reading.reading().deviceId();
            Head current = heads.get(device);
            if (current == null || reading.reading().sequence() > current.sequence()) {
                heads.put(device, new Head(reading.reading().sequence(), reading.readingHash()));
            }
        } catch (MalformedEvidenceException e) {
            throw new IllegalStateException("the store holds a record that is not a signed reading: " + e.getMessage(), e);
        }
    }

    void save() throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        heads.forEach((device, head) -> text.append(device).append(' ').append(head.sequence()).append(' ')
                .append(HexFormat.of().formatHex(head.readingHash())).append('\n'));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    Map<String, Head> snapshot() {
        return Map.copyOf(heads);
    }
}
