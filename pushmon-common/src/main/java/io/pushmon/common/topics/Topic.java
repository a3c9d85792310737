package io.pushmon.common.topics;

import java.util.Map;

/**
 * Every topic that crosses a process boundary, with the settings it must be created with. Code and tests
 * name topics only through this enum, so a rename happens in one place.
 */
public enum Topic {
    /** Monitor definitions keyed by monitor id; a tombstone deletes the monitor. */
    MONITORS("monitors", Cleanup.COMPACT, true),
    /**
     * Pushes and tick records keyed by monitor id. Broker time (LogAppendTime) is the detector's clock, so
     * record timestamps are monotone per partition whatever the gateways' clocks say.
     */
    HEARTBEATS("heartbeats", Cleanup.DELETE, true, Map.of("message.timestamp.type", "LogAppendTime")),
    /** Status changes (flips) keyed by monitor id, written transactionally by the processor. */
    MONITOR_EVENTS("monitor-events", Cleanup.DELETE, false),
    /** Notification channel definitions keyed by channel id; a tombstone deletes the channel. */
    CHANNELS("channels", Cleanup.COMPACT, false),
    /** Tenants and their hashed API keys, keyed by tenant id. */
    TENANTS("tenants", Cleanup.COMPACT, false),
    /** Deliveries waiting for their next attempt, keyed by delivery id, with the due time in the value. */
    NOTIFICATION_RETRIES("notification-retries", Cleanup.DELETE, false),
    /** Deliveries given up after the last attempt. */
    NOTIFICATION_DEAD_LETTERS("notification-dead-letters", Cleanup.DELETE, false),
    /** One record per delivery attempt and its outcome, keyed by monitor id. */
    NOTIFICATION_LOG("notification-log", Cleanup.DELETE, false);

    /** Log cleanup policy of a topic. */
    public enum Cleanup {
        COMPACT, DELETE
    }

    private final String topicName;
    private final Cleanup cleanup;
    private final boolean coPartitioned;
    private final Map<String, String> extraConfigs;

    Topic(String topicName, Cleanup cleanup, boolean coPartitioned) {
        this(topicName, cleanup, coPartitioned, Map.of());
    }

    Topic(String topicName, Cleanup cleanup, boolean coPartitioned, Map<String, String> extraConfigs) {
        this.topicName = topicName;
        this.cleanup = cleanup;
        this.coPartitioned = coPartitioned;
        this.extraConfigs = extraConfigs;
    }

    /** The topic's name on the broker. */
    public String topicName() {
        return topicName;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    /**
     * True for the topics the processor joins by key: they must have the same partition count, and that
     * count must never change once data exists (it would re-key the processor's state).
     */
    public boolean coPartitioned() {
        return coPartitioned;
    }

    /** The topic configuration it is created with, cleanup policy included. */
    public Map<String, String> configs() {
        var configs = new java.util.HashMap<>(extraConfigs);
        configs.put("cleanup.policy", cleanup == Cleanup.COMPACT ? "compact" : "delete");
        return Map.copyOf(configs);
    }

    @Override
    public String toString() {
        return topicName;
    }
}
