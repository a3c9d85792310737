package io.pushmon.gateway.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.TopicFollower;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.topics.Topic;

/**
 * Every monitor's incidents of the last {@link #WINDOW}, rebuilt on each gateway from {@code monitor-events}
 * (kept as long): what uptime bars, incident lists and badges are drawn from. Each gateway reads the whole
 * topic, so any gateway can answer for any tenant and a status change reaches listeners on all of them.
 *
 * <p>The processor writes events transactionally and this reads them {@code read_committed}, so each appears
 * once; they are still applied by incident number, so a replay or a recovery whose down is past retention
 * leaves one incident, not two.
 */
@Singleton
public class IncidentLog extends TopicFollower<String, MonitorEvent> {

    /** How far back incidents are kept: the 90 days of the longest uptime bar. */
    public static final Duration WINDOW = Duration.ofDays(90);
    /** Incidents per monitor kept; a monitor flapping faster than this over 90 days shows only its latest. */
    public static final int KEPT = 1000;

    private static final Logger LOG = Logger.getLogger(IncidentLog.class);

    private final Map<String, Deque<Incident>> byMonitor = new ConcurrentHashMap<>();
    private final List<Consumer<MonitorEvent>> listeners = new CopyOnWriteArrayList<>();

    @Inject
    public IncidentLog(KafkaConfig kafka) {
        super(Topic.MONITOR_EVENTS, KafkaClients.groupless(kafka, "pushmon-gateway-incidents"));
    }

    /** The monitor's incidents within the window, oldest first. */
    public List<Incident> incidents(String monitorId) {
        Deque<Incident> incidents = byMonitor.get(monitorId);
        if (incidents == null) {
            return List.of();
        }
        synchronized (incidents) {
            return new ArrayList<>(incidents);
        }
    }

    /** The monitor's incident that has not recovered, if it is down. */
    public Incident openIncident(String monitorId) {
        Deque<Incident> incidents = byMonitor.get(monitorId);
        if (incidents == null) {
            return null;
        }
        synchronized (incidents) {
            Incident last = incidents.peekLast();
            return last != null && last.open() ? last : null;
        }
    }

    /**
     * Called with every event read once the log has caught up (not for the replay at start), on the reading
     * thread: a listener must not block.
     */
    public void listen(Consumer<MonitorEvent> listener) {
        listeners.add(listener);
    }

    @Override
    protected void apply(Entry<String, MonitorEvent> entry) {
        MonitorEvent event = entry.value();
        if (event == null || event.monitorId() == null || event.at() == null) {
            return;
        }
        Deque<Incident> incidents = byMonitor.computeIfAbsent(event.monitorId(), id -> new ArrayDeque<>());
        synchronized (incidents) {
            record(incidents, event);
            prune(incidents, Instant.now().minus(WINDOW));
        }
        if (isCaughtUp()) {
            for (Consumer<MonitorEvent> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warnf("An incident listener failed on event %s: %s", event.eventId(), e.toString());
                }
            }
        }
    }

    private static void record(Deque<Incident> incidents, MonitorEvent event) {
        Incident last = incidents.peekLast();
        if (event.to() == MonitorStatus.DOWN) {
            if (last == null || last.number() < event.incident()) {
                incidents.addLast(new Incident(event.incident(), event.at(), null, event.reason(), event.lastMsg()));
            }
            return;
        }
        if (last != null && last.number() == event.incident()) {
            if (last.open()) {
                incidents.removeLast();
                incidents.addLast(last.closedAt(event.at()));
            }
        } else if ((last == null || last.number() < event.incident()) && event.downSince() != null) {
            // The down is older than the topic's retention (or was never read): the recovery still says when it began.
            incidents.addLast(new Incident(event.incident(), event.downSince(), event.at(), null, null));
        }
    }

    private static void prune(Deque<Incident> incidents, Instant cutoff) {
        while (incidents.size() > KEPT) {
            incidents.removeFirst();
        }
        while (!incidents.isEmpty() && !incidents.peekFirst().open()
                && incidents.peekFirst().upAt().isBefore(cutoff)) {
            incidents.removeFirst();
        }
    }

    @PreDestroy
    void stop() {
        close();
    }
}
