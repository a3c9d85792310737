package io.pushmon.gateway.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.kafka.TopicFollower;
import io.pushmon.common.model.AuditEntry;
import io.pushmon.common.topics.Topic;

/**
 * The {@code audit} topic: written once per management change, and followed so each gateway can answer a tenant's
 * audit reads whichever gateway the change went through. Each gateway keeps the newest {@link #KEPT} entries per
 * tenant in memory; the topic keeps 90 days.
 */
@Singleton
public class AuditLog extends TopicFollower<String, AuditEntry> {

    /** Entries per tenant a gateway can show. */
    public static final int KEPT = 1000;

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final RecordWriter writer;
    private final Map<String, Deque<AuditEntry>> byTenant = new ConcurrentHashMap<>();

    @Inject
    public AuditLog(KafkaConfig kafka, RecordWriter writer) {
        super(Topic.AUDIT, KafkaClients.groupless(kafka, "pushmon-gateway-audit"));
        this.writer = writer;
    }

    /**
     * Records a change that has already been made. A failed write is logged and not retried: the change stands, and
     * failing its answer would tell the client it did not happen.
     */
    public void record(AuditEntry entry) {
        writer.send(Topic.AUDIT, entry.tenantId(), entry).whenComplete((written, error) -> {
            if (error != null) {
                LOG.warnf("Audit entry %s (%s by %s on tenant %s) was not written: %s", entry.id(), entry.action(),
                        entry.actor(), entry.tenantId(), error.getClass().getSimpleName());
            }
        });
    }

    /** The tenant's newest entries, newest first. */
    public List<AuditEntry> newest(String tenantId, int limit) {
        Deque<AuditEntry> entries = byTenant.get(tenantId);
        if (entries == null) {
            return List.of();
        }
        List<AuditEntry> newest = new ArrayList<>(Math.min(limit, KEPT));
        synchronized (entries) {
            var it = entries.descendingIterator();
            while (it.hasNext() && newest.size() < limit) {
                newest.add(it.next());
            }
        }
        return newest;
    }

    /** Forgets a deleted tenant's entries here; the topic keeps them until its retention. */
    public void forget(String tenantId) {
        byTenant.remove(tenantId);
    }

    @Override
    protected void apply(Entry<String, AuditEntry> entry) {
        AuditEntry value = entry.value();
        if (value == null || value.tenantId() == null) {
            return;
        }
        Deque<AuditEntry> entries = byTenant.computeIfAbsent(value.tenantId(), t -> new ArrayDeque<>());
        synchronized (entries) {
            entries.addLast(value);
            if (entries.size() > KEPT) {
                entries.removeFirst();
            }
        }
    }

    @PreDestroy
    void stop() {
        close();
    }
}
