package io.pushmon.gateway.ui;

import java.util.List;
import java.util.Map;

/**
 * The overview page: the rows the filters let through, and counts over all of the tenant's monitors.
 *
 * @param counts      monitors per status, of all monitors (not only the shown ones)
 * @param partial     true when the processor could not say the state of some monitors (shown as unknown)
 */
public record Overview(List<OverviewRow> rows, int total, Map<String, Integer> counts, List<String> tags,
        String status, String tag, String query, boolean partial) {

    public int count(String status) {
        return counts.getOrDefault(status, 0);
    }

    /** The statuses the filter offers, in the order rows are sorted. */
    public List<String> statusChoices() {
        return List.of("down", "started", "up", "new", "paused");
    }

    public boolean filtered() {
        return !status.isEmpty() || !tag.isEmpty() || !query.isEmpty();
    }
}
