package io.pushmon.dispatcher.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.delivery.DeliveryLogEntry;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.TopicFollower;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.delivery.DispatcherConfig;

/**
 * The last attempts of each monitor's deliveries, read from {@code notification-log}. Every instance reads
 * the whole log, so any instance can answer for any monitor; the index lives in memory only and is rebuilt
 * on start from what the topic still retains.
 */
@Singleton
public class NotificationHistory extends TopicFollower<String, DeliveryLogEntry> {

    private final Map<String, Deque<DeliveryLogEntry>> byMonitor = new ConcurrentHashMap<>();
    private final int perMonitor;

    @Inject
    public NotificationHistory(KafkaConfig kafka, DispatcherConfig config) {
        super(Topic.NOTIFICATION_LOG, KafkaClients.groupless(kafka, "pushmon-dispatcher-notification-log"));
        this.perMonitor = Math.max(1, config.history().perMonitor());
    }

    @Override
    protected void apply(Entry<String, DeliveryLogEntry> record) {
        DeliveryLogEntry entry = record.value();
        if (entry == null || entry.monitorId() == null) {
            return;
        }
        Deque<DeliveryLogEntry> entries = byMonitor.computeIfAbsent(entry.monitorId(), id -> new ArrayDeque<>());
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > perMonitor) {
                entries.removeFirst();
            }
        }
    }

    /** The monitor's recent deliveries, newest first, one per event and channel. */
    public List<DeliverySummary> recent(String monitorId) {
        Deque<DeliveryLogEntry> entries = byMonitor.get(monitorId);
        if (entries == null) {
            return List.of();
        }
        List<DeliveryLogEntry> copy;
        synchronized (entries) {
            copy = new ArrayList<>(entries);
        }
        return summarize(copy);
    }

    /** Folds attempts (oldest first, as logged) into one summary per delivery, newest first. */
    static List<DeliverySummary> summarize(List<DeliveryLogEntry> attempts) {
        Map<String, DeliverySummary> byDelivery = new LinkedHashMap<>();
        for (DeliveryLogEntry entry : attempts) {
            DeliverySummary before = byDelivery.get(entry.idempotencyKey());
            // A crash can make an attempt run twice; the highest attempt number is how far the delivery got.
            int attemptsSoFar = Math.max(entry.attempt(), before == null ? 0 : before.attempts());
            String lastError = entry.error() != null ? entry.error() : before == null ? null : before.lastError();
            String channelType = entry.channelType() != null ? entry.channelType()
                    : before == null ? null : before.channelType();
            var attempt = new DeliverySummary.Attempt(entry.attempt(), entry.at(), entry.outcome(), entry.statusCode(),
                    entry.error(), entry.durationMs());
            byDelivery.put(entry.idempotencyKey(), new DeliverySummary(entry.channelId(), channelType,
                    entry.eventId(), entry.transition(), attemptsSoFar, entry.outcome(), lastError, entry.at(),
                    before == null ? List.of() : before.attemptLog()).with(attempt));
        }
        List<DeliverySummary> summaries = new ArrayList<>(byDelivery.values());
        summaries.sort(Comparator.comparing(DeliverySummary::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return summaries;
    }
}
