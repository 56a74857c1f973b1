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
 * The last sequence number and reading hash of each device, and that reading's meter serial and
 * registers, as far as the store has seen: folded from every stored reading, and saved (write,
 * fsync, atomic rename) before a segment that held readings is deleted, so the heads survive the
 * readings themselves. File: a line a device, {@code device sequence hash-hex serial energy-wh
 * export-wh|-}; files written before the registers were kept have the first three fields only.
 */
public final class ChainHeads {
    private final Path file;
    private final Map<String, Head> heads = new LinkedHashMap<>();

    /** A device's last stored reading: its place in the chain, and (null in older files) its serial and registers. */
    public record Head(long sequence, byte[] readingHash, String meterSerial, Long energyRegisterWh, Long exportRegisterWh) {
        Head(long sequence, byte[] readingHash) {
            this(sequence, readingHash, null, null, null);
        }
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
            if (parts.length != 3 && parts.length != 6) {
                throw new IOException(file + " is corrupt: '" + line + "'");
            }
            heads.put(parts[0], parts.length == 3 ? new Head(Long.parseLong(parts[1]), HexFormat.of().parseHex(parts[2]))
                    : new Head(Long.parseLong(parts[1]), HexFormat.of().parseHex(parts[2]), parts[3], Long.parseLong(parts[4]),
                            parts[5].equals("-") ? null : Long.parseLong(parts[5])));
        }
    }

    void fold(byte[] record) {
        try {
            SignedReading reading = SignedReading.fromWire(record);
            String device = reading.reading().deviceId();
            Head current = heads.get(device);
            if (current == null || reading.reading().sequence() > current.sequence()) {
                heads.put(device, new Head(reading.reading().sequence(), reading.readingHash(), reading.reading().meterSerial(),
                        reading.reading().energyRegisterWh(), reading.reading().exportRegisterWh()));
            }
        } catch (MalformedEvidenceException e) {
            throw new IllegalStateException("the store holds a record that is not a signed reading: " + e.getMessage(), e);
        }
    }

    void save() throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        heads.forEach((device, head) -> {
            text.append(device).append(' ').append(head.sequence()).append(' ').append(HexFormat.of().formatHex(head.readingHash()));
            if (head.meterSerial() != null && head.meterSerial().chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                text.append(' ').append(head.meterSerial()).append(' ').append(head.energyRegisterWh()).append(' ')
                        .append(head.exportRegisterWh() == null ? "-" : head.exportRegisterWh());
            }
            text.append('\n');
        });
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
