package io.pushmon.gateway.ui;

import java.time.Instant;
import java.util.List;

/**
 * One monitor on the overview.
 *
 * @param status        new, up, down, started, paused or unknown (the processor could not say)
 * @param schedule      the schedule in words
 * @param uptimeBar     the 90-day bar, an inline SVG
 * @param uptime        the 90-day uptime as text
 * @param sparkline     recent values (or run durations), an inline SVG; empty with fewer than two
 */
public record OverviewRow(String id, String name, String status, Instant lastHeartbeatAt, Instant nextDeadlineAt,
        String lastMsg, String schedule, List<String> tags, String uptimeBar, String uptime, String sparkline) {

    public String lastIso() {
        return Formats.iso(lastHeartbeatAt);
    }

    public String lastAgo() {
        return Formats.ago(lastHeartbeatAt);
    }

    public String nextIso() {
        return Formats.iso(nextDeadlineAt);
    }

    public String nextAgo() {
        return Formats.ago(nextDeadlineAt);
    }

    /** Sort rank: what needs attention first. */
    int rank() {
        return switch (status) {
            case "down" -> 0;
            case "started" -> 1;
            case "unknown" -> 2;
            case "up" -> 3;
            case "new" -> 4;
            default -> 5;
        };
    }
}
