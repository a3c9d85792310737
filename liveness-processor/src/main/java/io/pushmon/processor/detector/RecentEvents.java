package io.pushmon.processor.detector;

import java.util.ArrayList;
import java.util.List;

import io.pushmon.common.model.MonitorEvent;

/** The last status changes of one monitor, newest first. Written only on a change, so one value is cheap. */
public record RecentEvents(List<MonitorEvent> events) {

    /** How many changes are kept per monitor. */
    public static final int KEPT = 20;

    public RecentEvents {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public RecentEvents with(MonitorEvent event) {
        List<MonitorEvent> next = new ArrayList<>(KEPT);
        next.add(event);
        next.addAll(events.subList(0, Math.min(events.size(), KEPT - 1)));
        return new RecentEvents(next);
    }
}
