package io.pushmon.processor.detector;

import java.util.List;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorStatus;

/**
 * Format 1 of {@link MonitorState}, after the format byte; text and integers as {@link BinaryWriter} writes them:
 * <pre>
 *   unsigned varint  flags: 1 paused, 2 lastHeartbeatAt, 4 lastValue, 8 armedAt, 16 deadline, 32 downSince,
 *                    64 cron, 128 lastDurationMillis, 256 lastExitStatus
 *   text             monitorId, tenantId, name
 *   varlong          timeoutSeconds, graceSeconds
 *   unsigned varint  number of channel ids, then each as text
 *   byte             status: 0 none, 1 new, 2 up, 3 down, 4 paused, 5 started
 *   varlong          lastHeartbeatAt                  if flag 2
 *   text             lastMsg
 *   float64          lastValue                        if flag 4
 *   varlong          armedAt                          if flag 8
 *   varlong          deadline                         if flag 16
 *   varlong          incident
 *   varlong          downSince                        if flag 32
 *   varlong          heartbeatCount
 *   text             cron expression, cron time zone  if flag 64
 *   varlong          maxRuntimeSeconds
 *   unsigned varint  number of open runs, then each: text rid, varlong startedAt
 *   varlong          lastDurationMillis               if flag 128
 *   varint           lastExitStatus                   if flag 256
 *   varint           failureThreshold, failures, recoveryThreshold, recoveries
 * </pre>
 * The flags of a monitor that runs no jobs fit in the low seven bits, so they take one byte.
 */
final class MonitorStateCodec implements StateCodec<MonitorState> {

    private static final int PAUSED = 1;
    private static final int LAST_HEARTBEAT_AT = 2;
    private static final int LAST_VALUE = 4;
    private static final int ARMED_AT = 8;
    private static final int DEADLINE = 16;
    private static final int DOWN_SINCE = 32;
    private static final int CRON = 64;
    private static final int LAST_DURATION = 128;
    private static final int LAST_EXIT_STATUS = 256;
    private static final int KNOWN_FLAGS = 511;

    @Override
    public Class<MonitorState> type() {
        return MonitorState.class;
    }

    @Override
    public void write(MonitorState state, BinaryWriter out) {
        out.writeUnsigned((state.paused() ? PAUSED : 0) | flag(state.lastHeartbeatAt(), LAST_HEARTBEAT_AT)
                | flag(state.lastValue(), LAST_VALUE) | flag(state.armedAt(), ARMED_AT)
                | flag(state.deadline(), DEADLINE) | flag(state.downSince(), DOWN_SINCE) | flag(state.cron(), CRON)
                | flag(state.lastDurationMillis(), LAST_DURATION) | flag(state.lastExitStatus(), LAST_EXIT_STATUS));
        out.writeText(state.monitorId());
        out.writeText(state.tenantId());
        out.writeText(state.name());
        out.writeLong(state.timeoutSeconds());
        out.writeLong(state.graceSeconds());
        out.writeUnsigned(state.channelIds().size());
        for (String channelId : state.channelIds()) {
            out.writeText(channelId);
        }
        out.writeByte(statusCode(state.status()));
        if (state.lastHeartbeatAt() != null) {
            out.writeLong(state.lastHeartbeatAt());
        }
        out.writeText(state.lastMsg());
        if (state.lastValue() != null) {
            out.writeDouble(state.lastValue());
        }
        if (state.armedAt() != null) {
            out.writeLong(state.armedAt());
        }
        if (state.deadline() != null) {
            out.writeLong(state.deadline());
        }
        out.writeLong(state.incident());
        if (state.downSince() != null) {
            out.writeLong(state.downSince());
        }
        out.writeLong(state.heartbeatCount());
        if (state.cron() != null) {
            out.writeText(state.cron().expression());
            out.writeText(state.cron().timeZone());
        }
        out.writeLong(state.maxRuntimeSeconds());
        out.writeUnsigned(state.runs().size());
        for (OpenRun run : state.runs()) {
            out.writeText(run.rid());
            out.writeLong(run.startedAt());
        }
        if (state.lastDurationMillis() != null) {
            out.writeLong(state.lastDurationMillis());
        }
        if (state.lastExitStatus() != null) {
            out.writeInt(state.lastExitStatus());
        }
        Streak streak = state.streak();
        out.writeInt(streak.failureThreshold());
        out.writeInt(streak.failures());
        out.writeInt(streak.recoveryThreshold());
        out.writeInt(streak.recoveries());
    }

    @Override
    public MonitorState read(BinaryReader in, int format) {
        int flags = in.readFlags(KNOWN_FLAGS);
        String monitorId = in.readText();
        String tenantId = in.readText();
        String name = in.readText();
        long timeoutSeconds = in.readLong();
        long graceSeconds = in.readLong();
        String[] channelIds = new String[in.readCount()];
        for (int i = 0; i < channelIds.length; i++) {
            channelIds[i] = in.readText();
        }
        MonitorStatus status = status(in.readByte());
        Long lastHeartbeatAt = (flags & LAST_HEARTBEAT_AT) != 0 ? in.readLong() : null;
        String lastMsg = in.readText();
        Double lastValue = (flags & LAST_VALUE) != 0 ? in.readDouble() : null;
        Long armedAt = (flags & ARMED_AT) != 0 ? in.readLong() : null;
        Long deadline = (flags & DEADLINE) != 0 ? in.readLong() : null;
        long incident = in.readLong();
        Long downSince = (flags & DOWN_SINCE) != 0 ? in.readLong() : null;
        long heartbeatCount = in.readLong();
        CronSchedule cron = (flags & CRON) != 0 ? new CronSchedule(in.readText(), in.readText()) : null;
        long maxRuntimeSeconds = in.readLong();
        OpenRun[] runs = new OpenRun[in.readCount()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = new OpenRun(in.readText(), in.readLong());
        }
        Long lastDurationMillis = (flags & LAST_DURATION) != 0 ? in.readLong() : null;
        Integer lastExitStatus = (flags & LAST_EXIT_STATUS) != 0 ? in.readInt() : null;
        Streak streak = new Streak(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, (flags & PAUSED) != 0,
                List.of(channelIds), status, lastHeartbeatAt, lastMsg, lastValue, armedAt, deadline, incident,
                downSince, heartbeatCount, cron, maxRuntimeSeconds, List.of(runs), lastDurationMillis,
                lastExitStatus, streak);
    }

    private static int flag(Object field, int flag) {
        return field != null ? flag : 0;
    }

    /** Fixed codes rather than ordinals, so reordering or extending the enum cannot change what stored bytes mean. */
    private static int statusCode(MonitorStatus status) {
        if (status == null) {
            return 0;
        }
        return switch (status) {
            case NEW -> 1;
            case UP -> 2;
            case DOWN -> 3;
            case PAUSED -> 4;
            case STARTED -> 5;
        };
    }

    private static MonitorStatus status(int code) {
        return switch (code) {
            case 0 -> null;
            case 1 -> MonitorStatus.NEW;
            case 2 -> MonitorStatus.UP;
            case 3 -> MonitorStatus.DOWN;
            case 4 -> MonitorStatus.PAUSED;
            case 5 -> MonitorStatus.STARTED;
            default -> throw new IllegalArgumentException("unknown status code " + code);
        };
    }
}
