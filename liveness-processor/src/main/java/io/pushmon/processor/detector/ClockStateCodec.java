package io.pushmon.processor.detector;

import io.pushmon.processor.time.ClockState;

/**
 * {@link ClockState} after the format byte. One value per task, but read and written on every heartbeat. Format 2:
 * <pre>
 *   unsigned varint  flags: 1 heartbeatTime, 2 monitors
 *   varlong          heartbeatTime     if flag 1
 *   varlong          monitors          if flag 2
 * </pre>
 * Format 1 had a varlong between the two, a lower bound of the task's pending deadlines; the index is rebuilt in
 * memory now and knows its earliest entry itself, so it is read past.
 */
final class ClockStateCodec implements StateCodec<ClockState> {

    static final int FORMAT_2 = 2;

    private static final int HEARTBEAT_TIME = 1;
    private static final int MONITORS = 2;
    private static final int KNOWN_FLAGS = 3;

    @Override
    public Class<ClockState> type() {
        return ClockState.class;
    }

    @Override
    public int format() {
        return FORMAT_2;
    }

    @Override
    public void write(ClockState clock, BinaryWriter out) {
        out.writeUnsigned((clock.heartbeatTime() != null ? HEARTBEAT_TIME : 0)
                | (clock.monitors() != null ? MONITORS : 0));
        if (clock.heartbeatTime() != null) {
            out.writeLong(clock.heartbeatTime());
        }
        if (clock.monitors() != null) {
            out.writeLong(clock.monitors());
        }
    }

    @Override
    public ClockState read(BinaryReader in, int format) {
        int flags = in.readFlags(KNOWN_FLAGS);
        Long heartbeatTime = (flags & HEARTBEAT_TIME) != 0 ? in.readLong() : null;
        if (format == StateSerde.FORMAT_1) {
            in.readLong();
        }
        Long monitors = (flags & MONITORS) != 0 ? in.readLong() : null;
        return new ClockState(heartbeatTime, monitors);
    }
}
