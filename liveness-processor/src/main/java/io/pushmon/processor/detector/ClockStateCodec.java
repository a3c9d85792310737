package io.pushmon.processor.detector;

import io.pushmon.processor.time.ClockState;

/**
 * Format 1 of {@link ClockState}, after the format byte. One value per task, but read and written on every
 * heartbeat:
 * <pre>
 *   unsigned varint  flags: 1 heartbeatTime, 2 monitors
 *   varlong          heartbeatTime     if flag 1
 *   varlong          earliestDeadline
 *   varlong          monitors          if flag 2
 * </pre>
 */
final class ClockStateCodec implements StateCodec<ClockState> {

    private static final int HEARTBEAT_TIME = 1;
    private static final int MONITORS = 2;
    private static final int KNOWN_FLAGS = 3;

    @Override
    public Class<ClockState> type() {
        return ClockState.class;
    }

    @Override
    public void write(ClockState clock, BinaryWriter out) {
        out.writeUnsigned((clock.heartbeatTime() != null ? HEARTBEAT_TIME : 0)
                | (clock.monitors() != null ? MONITORS : 0));
        if (clock.heartbeatTime() != null) {
            out.writeLong(clock.heartbeatTime());
        }
        out.writeLong(clock.earliestDeadline());
        if (clock.monitors() != null) {
            out.writeLong(clock.monitors());
        }
    }

    @Override
    public ClockState read(BinaryReader in) {
        int flags = in.readFlags(KNOWN_FLAGS);
        Long heartbeatTime = (flags & HEARTBEAT_TIME) != 0 ? in.readLong() : null;
        long earliestDeadline = in.readLong();
        Long monitors = (flags & MONITORS) != 0 ? in.readLong() : null;
        return new ClockState(heartbeatTime, earliestDeadline, monitors);
    }
}
