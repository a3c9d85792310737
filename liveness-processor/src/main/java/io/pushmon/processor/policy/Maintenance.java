package io.pushmon.processor.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.pushmon.common.model.MaintenanceWindow;

/** Which maintenance windows cover a monitor, read from the global store of every tenant's windows. */
final class Maintenance {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, MaintenanceWindow> windows;

    Maintenance(ReadOnlyKeyValueStore<String, MaintenanceWindow> windows) {
        this.windows = windows;
    }

    /**
     * When the last of the windows covering the monitor at {@code now} ends; empty when none covers it. Overlapping
     * windows chain: the monitor is looked at again when this one ends, and then covered by the next if it is open.
     */
    Optional<Instant> coveredUntil(String tenantId, String monitorId, List<String> tags, Instant now) {
        Instant until = null;
        try (KeyValueIterator<String, MaintenanceWindow> it = windows.prefixScan(
                MaintenanceWindow.tenantPrefix(tenantId), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, MaintenanceWindow> next = it.next();
                MaintenanceWindow window = next.value;
                if (window == null || !window.covers(monitorId, tags)) {
                    continue;
                }
                Optional<Instant> end = window.openUntil(now);
                if (end.isPresent() && (until == null || end.get().isAfter(until))) {
                    until = end.get();
                }
            }
        }
        return Optional.ofNullable(until);
    }
}
