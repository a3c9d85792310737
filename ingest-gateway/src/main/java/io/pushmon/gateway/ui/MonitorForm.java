package io.pushmon.gateway.ui;

import java.util.List;

import io.pushmon.gateway.monitors.MonitorView;

/**
 * The create and edit form of a monitor, filled from the monitor being edited or with the defaults of a new one
 * (a push every 5 minutes, a minute of grace, down at the first failure and up at the first good push, no
 * reminders). Every setting the API replaces on a PUT is in it, so saving the form keeps what it does not show.
 *
 * @param id     null for a new monitor
 * @param action where the form posts, {@code /api/monitors} or {@code /api/monitors/{id}}
 * @param method POST or PUT
 */
public record MonitorForm(String id, String action, String method, String name, boolean cron, long timeoutSeconds,
        String cronExpression, String timeZone, long graceSeconds, Long maxRuntimeSeconds, String tags,
        int failureThreshold, int recoveryThreshold, long reminderIntervalSeconds, int reminderLimit,
        List<MonitorPageModel.ChannelChoice> channels) {

    static MonitorForm blank(List<MonitorPageModel.ChannelChoice> channels) {
        return new MonitorForm(null, "/api/monitors", "POST", "", false, 300, "0 3 * * *", "UTC", 60, null, "", 1, 1,
                0, 0, channels);
    }

    static MonitorForm of(MonitorView monitor, List<MonitorPageModel.ChannelChoice> channels) {
        boolean cron = monitor.cron() != null;
        return new MonitorForm(monitor.id(), "/api/monitors/" + monitor.id(), "PUT", monitor.name(), cron,
                cron ? 300 : monitor.timeoutSeconds(), cron ? monitor.cron() : "0 3 * * *",
                cron ? monitor.timeZone() : "UTC", monitor.graceSeconds(), monitor.maxRuntimeSeconds(),
                String.join(", ", monitor.tags() == null ? List.of() : monitor.tags()), monitor.failureThreshold(),
                monitor.recoveryThreshold(), monitor.reminderIntervalSeconds(), monitor.reminderLimit(), channels);
    }

    public boolean isNew() {
        return id == null;
    }
}
