package io.pushmon.gateway.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.topics.Topic;

/** Every monitor, from the {@code monitors} topic, by id, by push token and by tenant and slug. */
@Singleton
public class MonitorDirectory {

    private static final Comparator<MonitorDefinition> BY_NAME = Comparator
            .comparing((MonitorDefinition m) -> m.name().toLowerCase(Locale.ROOT))
            .thenComparing(MonitorDefinition::id);

    private final MonitorStore store = new MonitorStore();
    private final CompactedTopicCache<MonitorDefinition> cache;
    private final RecordWriter writer;

    @Inject
    public MonitorDirectory(KafkaConfig kafka, RecordWriter writer) {
        this.writer = writer;
        // Compact records rather than objects: a gateway holds every monitor, a million of them at scale.
        cache = new CompactedTopicCache<>(Topic.MONITORS,
                KafkaClients.groupless(kafka, "pushmon-gateway-monitors"), store);
    }

    public Optional<MonitorDefinition> find(String id) {
        return cache.get(id);
    }

    /**
     * What a push needs of the monitor its token belongs to. Read from the same store as every other lookup, so
     * it sees this gateway's own writes at once like them.
     */
    public Optional<PushTarget> pushTarget(String pushToken) {
        return pushToken == null ? Optional.empty() : store.pushTargetByToken(pushToken, System.currentTimeMillis());
    }

    /** What a push needs of each of the tenant's monitors with this slug (derived from the name). */
    public List<PushTarget> pushTargetsBySlug(String tenantId, String slug) {
        return store.pushTargetsBySlug(tenantId, slug);
    }

    /** The tenant's monitors by name, then id. */
    public List<MonitorDefinition> forTenant(String tenantId) {
        return store.forTenant(tenantId).stream().sorted(BY_NAME).toList();
    }

    /** How many monitors the tenant has, as a plan's count limit sees it. */
    public int countForTenant(String tenantId) {
        return store.countForTenant(tenantId);
    }

    /**
     * Writes to the topic and, once acknowledged, makes the change visible here at once; {@code monitor}
     * null deletes.
     */
    public void write(String id, MonitorDefinition monitor) {
        cache.write(writer, id, monitor);
    }

    CompactedTopicCache<MonitorDefinition> cache() {
        return cache;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
