package io.pushmon.processor.detector;

import io.pushmon.common.model.PushStatus;

/**
 * Format 1 of {@link HeartbeatEntry}, after the format byte; text and integers as {@link BinaryWriter} writes them:
 * <pre>
 *   unsigned varint  flags: 1 value, 2 exitStatus, 4 durationMillis
 *   varlong          seq, at
 *   byte             status: {@link PushStatus#codeOf} (0 none, 1 up, 2 down, 3 start, 4 log), as on the heartbeats topic
 *   text             msg
 *   float64          value           if flag 1
 *   varint           exitStatus      if flag 2
 *   text             rid
 *   varlong          durationMillis  if flag 4
 *   varint           bodySize
 * </pre>
 */
final class HeartbeatEntryCodec implements StateCodec<HeartbeatEntry> {

    private static final int VALUE = 1;
    private static final int EXIT_STATUS = 2;
    private static final int DURATION = 4;
    private static final int KNOWN_FLAGS = 7;

    @Override
    public Class<HeartbeatEntry> type() {
        return HeartbeatEntry.class;
    }

    @Override
    public void write(HeartbeatEntry entry, BinaryWriter out) {
        out.writeUnsigned((entry.value() != null ? VALUE : 0) | (entry.exitStatus() != null ? EXIT_STATUS : 0)
                | (entry.durationMillis() != null ? DURATION : 0));
        out.writeLong(entry.seq());
        out.writeLong(entry.at());
        out.writeByte(PushStatus.codeOf(entry.status()));
        out.writeText(entry.msg());
        if (entry.value() != null) {
            out.writeDouble(entry.value());
        }
        if (entry.exitStatus() != null) {
            out.writeInt(entry.exitStatus());
        }
        out.writeText(entry.rid());
        if (entry.durationMillis() != null) {
            out.writeLong(entry.durationMillis());
        }
        out.writeInt(entry.bodySize());
    }

    @Override
    public HeartbeatEntry read(BinaryReader in, int format) {
        int flags = in.readFlags(KNOWN_FLAGS);
        long seq = in.readLong();
        long at = in.readLong();
        PushStatus status = PushStatus.ofCode(in.readByte());
        String msg = in.readText();
        Double value = (flags & VALUE) != 0 ? in.readDouble() : null;
        Integer exitStatus = (flags & EXIT_STATUS) != 0 ? in.readInt() : null;
        String rid = in.readText();
        Long durationMillis = (flags & DURATION) != 0 ? in.readLong() : null;
        return new HeartbeatEntry(seq, at, status, msg, value, exitStatus, rid, durationMillis, in.readInt());
    }
}
