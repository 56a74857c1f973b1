package io.solarmrv.jobs.sink;

import io.solarmrv.jobs.AcceptedReading;
import io.solarmrv.jobs.LogCheckpoint;
import io.solarmrv.jobs.LogLeaf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializes {@link LogCommittable}s into Flink checkpoints, field by field. Version 2 adds each
 * reading's receipt time; version 1 (readings without it) is still read.
 */
public final class LogCommittableSerializer implements SimpleVersionedSerializer<LogCommittable> {
    @Override
    public int getVersion() {
        return 2;
    }

    @Override
    public byte[] serialize(LogCommittable committable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(committable.leaves().size());
        for (LogLeaf leaf : committable.leaves()) {
            AcceptedReading r = leaf.reading();
            out.writeLong(leaf.index());
            writeBytes(out, leaf.leafHash());
            out.writeUTF(r.deviceId());
            out.writeLong(r.sequence());
            out.writeLong(r.timestampMillis());
            out.writeLong(r.energyRegisterWh());
            out.writeLong(r.powerW());
            writeBytes(out, r.previousHash());
            writeBytes(out, r.readingHash());
            writeBytes(out, r.envelope());
            out.writeLong(r.receivedMillis());
        }
        out.writeInt(committable.checkpoints().size());
        for (LogCheckpoint c : committable.checkpoints()) {
            out.writeLong(c.treeSize());
            writeBytes(out, c.root());
            writeBytes(out, c.signedNote().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeLong(c.previousSize());
            writeBytes(out, c.proofNodes());
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public LogCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("unknown log committable version " + version);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        int leafCount = in.readInt();
        List<LogLeaf> leaves = new ArrayList<>(leafCount);
        for (int i = 0; i < leafCount; i++) {
            long index = in.readLong();
            byte[] leafHash = readBytes(in);
            AcceptedReading reading = new AcceptedReading(in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), readBytes(in), readBytes(in), readBytes(in),
                    version >= 2 ? in.readLong() : AcceptedReading.RECEIVED_UNKNOWN);
            leaves.add(new LogLeaf(index, leafHash, reading));
        }
        int checkpointCount = in.readInt();
        List<LogCheckpoint> checkpoints = new ArrayList<>(checkpointCount);
        for (int i = 0; i < checkpointCount; i++) {
            checkpoints.add(new LogCheckpoint(in.readLong(), readBytes(in),
                    new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8), in.readLong(), readBytes(in)));
        }
        return new LogCommittable(leaves, checkpoints);
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }
}
