package io.pushmon.processor.policy;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.pushmon.common.model.PolicyInput;
import io.pushmon.common.serde.JsonSerde;
import io.pushmon.common.topics.Topic;
import io.pushmon.processor.detector.DetectorStore;

/**
 * Every state store of the policy step. Task stores are keyed {@code tenant ‖ 0x00 ‖ id} (tenant ids never hold a
 * NUL), so one tenant's entries are one key range; the two global ones hold a whole topic on every instance.
 */
public enum PolicyStore {
    /** {@code tenant ‖ 0 ‖ monitor id} → the monitor's tags, channels and alert policy. */
    MEMBERS("policy-members", Serdes.String(), new JsonSerde<>(PolicyInput.Membership.class), false),
    /** {@code tenant ‖ 0 ‖ monitor id} → {@link OpenIncident} while the monitor is down. */
    INCIDENTS("policy-incidents", Serdes.String(), new JsonSerde<>(OpenIncident.class), false),
    /** {@code tenant ‖ 0 ‖ group key} → {@link GroupState}. */
    GROUPS("policy-groups", Serdes.String(), new JsonSerde<>(GroupState.class), false),
    /** {@code tenant ‖ 0 ‖ group key} → active monitors in the group, see {@link GroupSizes}. */
    GROUP_SIZES("policy-group-sizes", Serdes.String(), Serdes.Long(), false),
    /** Due timers, see {@link PolicyTimers}. */
    TIMERS("policy-timers", Serdes.Bytes(), Serdes.ByteArray(), false),
    /** One entry per task: {@link GuardState}. */
    GUARD("policy-guard", Serdes.String(), new JsonSerde<>(GuardState.class), false),
    /** Global: every maintenance window, keyed as on its topic. */
    WINDOWS("policy-maintenance-windows", Topic.MAINTENANCE_WINDOWS.keySerde(),
            Topic.MAINTENANCE_WINDOWS.valueSerde(), true),
    /** Global: the latest pulse of every detector task. */
    PULSES("policy-detector-pulses", Topic.DETECTOR_PULSE.keySerde(), Topic.DETECTOR_PULSE.valueSerde(), true);

    private final String storeName;
    private final Serde<?> keySerde;
    private final Serde<?> valueSerde;
    private final boolean global;

    PolicyStore(String storeName, Serde<?> keySerde, Serde<?> valueSerde, boolean global) {
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.global = global;
    }

    public String storeName() {
        return storeName;
    }

    public boolean global() {
        return global;
    }

    /** The store key of a tenant's entry. */
    public static String key(String tenantId, String id) {
        return tenantId + '\0' + id;
    }

    /**
     * A task store is changelogged like the detector's; a global store is not, its topic is its changelog and is
     * read again from the start on every instance.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public StoreBuilder<KeyValueStore<Object, Object>> builder(DetectorStore.Kind kind) {
        StoreBuilder<KeyValueStore<Object, Object>> builder = kind == DetectorStore.Kind.IN_MEMORY
                ? (StoreBuilder) Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName),
                        (Serde) keySerde, (Serde) valueSerde)
                : (StoreBuilder) Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName),
                        (Serde) keySerde, (Serde) valueSerde).withCachingEnabled();
        return global ? builder.withLoggingDisabled() : builder;
    }
}
