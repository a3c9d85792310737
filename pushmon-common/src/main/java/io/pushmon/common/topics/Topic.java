package io.pushmon.common.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import io.pushmon.common.delivery.DeadLetter;
import io.pushmon.common.model.AuditEntry;
import io.pushmon.common.delivery.DeliveryLogEntry;
import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.DetectorPulse;
import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.common.model.PolicyInput;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.model.UserAccount;
import io.pushmon.common.serde.HeartbeatSerde;
import io.pushmon.common.serde.JsonSerde;

/**
 * Every topic that crosses a process boundary: its name, the settings it is created with, and the types and
 * serdes of its keys and values. Code and tests name topics and (de)serialise records only through these
 * constants, so a rename or a new wire format happens in one place.
 *
 * <p>Producers and consumers built on this class are {@code byte[]}/{@code byte[]} clients: one producer writes
 * to several topics of different types, and each record is (de)serialised by the topic it belongs to.
 *
 * @param <K> the key type
 * @param <V> the value type; a null value is a tombstone on compacted topics
 */
public final class Topic<K, V> {

    /** Monitor definitions keyed by monitor id; a tombstone deletes the monitor. */
    public static final Topic<String, MonitorDefinition> MONITORS = new Topic<>("monitors", Cleanup.COMPACT, true,
            Map.of(), new JsonSerde<>(MonitorDefinition.class));
    /**
     * Pushes and tick records keyed by monitor id, in a compact binary format (JSON from older gateways is still
     * read). Broker time (LogAppendTime) is the detector's clock, so record timestamps are monotone per partition
     * whatever the gateways' clocks say.
     */
    public static final Topic<String, Heartbeat> HEARTBEATS = new Topic<>("heartbeats", Cleanup.DELETE, true,
            Map.of("message.timestamp.type", "LogAppendTime"), new HeartbeatSerde());
    /**
     * Status changes (flips) keyed by monitor id, written transactionally by the processor. Kept 90 days: the
     * gateways rebuild the 90-day uptime bars and incident lists from it.
     */
    public static final Topic<String, MonitorEvent> MONITOR_EVENTS = new Topic<>("monitor-events", Cleanup.DELETE,
            false, Map.of("retention.ms", String.valueOf(Duration.ofDays(90).toMillis())),
            new JsonSerde<>(MonitorEvent.class));
    /**
     * The policy step's inputs keyed by tenant id: status changes and monitor settings from the detector,
     * acknowledgements from the gateway. Keyed by tenant so one task sees every monitor a grouped outage can span.
     */
    public static final Topic<String, PolicyInput> POLICY_INPUTS = new Topic<>("policy-inputs", Cleanup.DELETE,
            false, Map.of(), new JsonSerde<>(PolicyInput.class));
    /**
     * What the dispatcher sends: the policy's notices (downs, recoveries, reminders, acknowledgements, grouped
     * outages, operator alerts), keyed by the event's monitor id (a group's id for a grouped one).
     */
    public static final Topic<String, MonitorEvent> ALERTS = new Topic<>("alerts", Cleanup.DELETE, false, Map.of(),
            new JsonSerde<>(MonitorEvent.class));
    /** Maintenance windows keyed by {@code tenant/window}; a tombstone deletes the window. */
    public static final Topic<String, MaintenanceWindow> MAINTENANCE_WINDOWS = new Topic<>("maintenance-windows",
            Cleanup.COMPACT, false, Map.of(), new JsonSerde<>(MaintenanceWindow.class));
    /** The latest pulse of each detector task keyed by its partition; read whole by every policy task. */
    public static final Topic<String, DetectorPulse> DETECTOR_PULSE = new Topic<>("detector-pulse", Cleanup.COMPACT,
            false, Map.of(), new JsonSerde<>(DetectorPulse.class));
    /** Notification channel definitions keyed by channel id; a tombstone deletes the channel. */
    public static final Topic<String, ChannelDefinition> CHANNELS = new Topic<>("channels", Cleanup.COMPACT, false,
            Map.of(), new JsonSerde<>(ChannelDefinition.class));
    /** Tenants and their hashed API keys, keyed by tenant id. */
    public static final Topic<String, TenantDefinition> TENANTS = new Topic<>("tenants", Cleanup.COMPACT, false,
            Map.of(), new JsonSerde<>(TenantDefinition.class));
    /** Deliveries waiting for their next attempt, keyed by idempotency key, with the due time in the value. */
    public static final Topic<String, ScheduledRetry> NOTIFICATION_RETRIES = new Topic<>("notification-retries",
            Cleanup.DELETE, false, Map.of(), new JsonSerde<>(ScheduledRetry.class));
    /** Deliveries given up after the last attempt, keyed by idempotency key. */
    public static final Topic<String, DeadLetter> NOTIFICATION_DEAD_LETTERS = new Topic<>(
            "notification-dead-letters", Cleanup.DELETE, false, Map.of(), new JsonSerde<>(DeadLetter.class));
    /** User accounts with their hashed password, memberships and pending tokens, keyed by user id. */
    public static final Topic<String, UserAccount> USERS = new Topic<>("users", Cleanup.COMPACT, false, Map.of(),
            new JsonSerde<>(UserAccount.class));
    /** One record per delivery attempt and its outcome, keyed by monitor id. */
    public static final Topic<String, DeliveryLogEntry> NOTIFICATION_LOG = new Topic<>("notification-log",
            Cleanup.DELETE, false, Map.of(), new JsonSerde<>(DeliveryLogEntry.class));

    /**
     * Every management change, keyed by tenant id so a tenant's entries stay in order. Kept for 90 days, also past
     * a tenant's deletion: the record of who deleted what must outlive what was deleted.
     */
    public static final Topic<String, AuditEntry> AUDIT = new Topic<>("audit", Cleanup.DELETE, false,
            Map.of("retention.ms", String.valueOf(Duration.ofDays(90).toMillis())),
            new JsonSerde<>(AuditEntry.class));

    private static final List<Topic<?, ?>> ALL = List.of(MONITORS, HEARTBEATS, MONITOR_EVENTS, CHANNELS, TENANTS,
            NOTIFICATION_RETRIES, NOTIFICATION_DEAD_LETTERS, NOTIFICATION_LOG, AUDIT, USERS, POLICY_INPUTS, ALERTS,
            MAINTENANCE_WINDOWS, DETECTOR_PULSE);

    /** Log cleanup policy of a topic. */
    public enum Cleanup {
        COMPACT, DELETE
    }

    private final String topicName;
    private final Cleanup cleanup;
    private final boolean coPartitioned;
    private final Map<String, String> extraConfigs;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    /** Kept, not asked of the serdes per record: every push passes through {@link #record}. */
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    private Topic(String topicName, Cleanup cleanup, boolean coPartitioned, Map<String, String> extraConfigs,
            Serde<K> keySerde, Serde<V> valueSerde) {
        this.topicName = topicName;
        this.cleanup = cleanup;
        this.coPartitioned = coPartitioned;
        this.extraConfigs = Map.copyOf(extraConfigs);
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.keySerializer = keySerde.serializer();
        this.valueSerializer = valueSerde.serializer();
        this.keyDeserializer = keySerde.deserializer();
        this.valueDeserializer = valueSerde.deserializer();
    }

    /** Every key on pushmon's topics is a plain UTF-8 string (a monitor, channel, tenant id or a delivery key). */
    @SuppressWarnings("unchecked")
    private Topic(String topicName, Cleanup cleanup, boolean coPartitioned, Map<String, String> extraConfigs,
            Serde<V> valueSerde) {
        this(topicName, cleanup, coPartitioned, extraConfigs, (Serde<K>) Serdes.String(), valueSerde);
    }

    /** Every topic, in a fixed order. */
    public static List<Topic<?, ?>> all() {
        return ALL;
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
        Map<String, String> configs = new HashMap<>(extraConfigs);
        configs.put("cleanup.policy", cleanup == Cleanup.COMPACT ? "compact" : "delete");
        return Map.copyOf(configs);
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** A record for this topic, key and value serialised; the producer's partitioner picks the partition. */
    public ProducerRecord<byte[], byte[]> record(K key, V value) {
        return new ProducerRecord<>(topicName, serializeKey(key), serializeValue(value));
    }

    /** A record for one partition of this topic, key and value serialised. */
    public ProducerRecord<byte[], byte[]> record(int partition, K key, V value) {
        return new ProducerRecord<>(topicName, partition, serializeKey(key), serializeValue(value));
    }

    /** The key of a record read from this topic. */
    public K key(ConsumerRecord<byte[], byte[]> record) {
        return keyDeserializer.deserialize(topicName, record.key());
    }

    /**
     * The value of a record read from this topic; null for a tombstone.
     *
     * @throws org.apache.kafka.common.errors.SerializationException when the bytes are not a value of this topic
     */
    public V value(ConsumerRecord<byte[], byte[]> record) {
        return value(record.value());
    }

    /**
     * A value of this topic from its bytes; null for a tombstone.
     *
     * @throws org.apache.kafka.common.errors.SerializationException when the bytes are not a value of this topic
     */
    public V value(byte[] bytes) {
        return valueDeserializer.deserialize(topicName, bytes);
    }

    public byte[] serializeKey(K key) {
        return keySerializer.serialize(topicName, key);
    }

    public byte[] serializeValue(V value) {
        return valueSerializer.serialize(topicName, value);
    }

    @Override
    public String toString() {
        return topicName;
    }
}
