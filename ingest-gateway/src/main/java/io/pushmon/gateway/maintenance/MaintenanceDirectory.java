package io.pushmon.gateway.maintenance;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.directory.CompactedTopicCache;

/**
 * Every tenant's maintenance windows, from the compacted {@code maintenance-windows} topic that the policy step
 * reads too: the API's list, and what the incident list checks an outage's start against.
 */
@ApplicationScoped
public class MaintenanceDirectory {

    private final CompactedTopicCache<MaintenanceWindow> cache;
    private final RecordWriter writer;

    @Inject
    public MaintenanceDirectory(KafkaConfig kafka, RecordWriter writer) {
        this.writer = writer;
        cache = new CompactedTopicCache<>(Topic.MAINTENANCE_WINDOWS,
                KafkaClients.groupless(kafka, "pushmon-gateway-maintenance"), window -> List.of());
    }

    /** The tenant's window; another tenant's is as unknown as a missing one. */
    public Optional<MaintenanceWindow> find(String tenantId, String id) {
        return cache.get(MaintenanceWindow.key(tenantId, id));
    }

    /** The tenant's windows, oldest first. */
    public List<MaintenanceWindow> forTenant(String tenantId) {
        return cache.values().stream().filter(w -> tenantId.equals(w.tenantId()))
                .sorted(Comparator.comparing(MaintenanceWindow::createdAt).thenComparing(MaintenanceWindow::id))
                .toList();
    }

    /** True when one of the tenant's windows that covers the monitor was open at {@code at}. */
    public boolean covered(String tenantId, String monitorId, List<String> tags, Instant at) {
        return forTenant(tenantId).stream()
                .anyMatch(w -> w.covers(monitorId, tags) && w.openUntil(at).isPresent());
    }

    /** Writes the window (null: deletes it) and, once acknowledged, serves it here at once. */
    public void write(String tenantId, String id, MaintenanceWindow window) {
        cache.write(writer, MaintenanceWindow.key(tenantId, id), window);
    }

    public CompactedTopicCache<MaintenanceWindow> cache() {
        return cache;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
