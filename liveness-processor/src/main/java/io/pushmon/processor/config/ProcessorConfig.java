package io.pushmon.processor.config;

import java.time.Duration;
import java.util.Optional;

import io.pushmon.common.kafka.KafkaAccess;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the liveness processor ({@code pushmon.processor.*}). */
@ConfigMapping(prefix = "pushmon.processor")
public interface ProcessorConfig {

    /** Kafka Streams application id: the consumer group and the prefix of the changelog topics. */
    @WithDefault(KafkaAccess.PROCESSOR_APPLICATION_ID)
    String applicationId();

    /** Directory of the RocksDB state stores; keep it on a persistent volume to avoid full restores. */
    @WithDefault(".pushmon/processor")
    String stateDir();

    /** host:port under which other instances reach this one's HTTP port for forwarded queries. */
    @WithDefault("127.0.0.1:8081")
    String applicationServer();

    /** Stream threads of this instance; more than the partitions it owns only idle. */
    @WithDefault("1")
    int streamThreads();

    /** Warm copies of each task's stores on other instances, for fast fail-over. */
    @WithDefault("0")
    int standbyReplicas();

    /** Transaction commit interval: how late, at most, an emitted event becomes visible to readers. */
    @WithDefault("100ms")
    Duration commitInterval();

    /**
     * First wait of the processor's producer before it retries a write the broker refused for now, above all
     * the CONCURRENT_TRANSACTIONS that follows a commit while its markers are written; the next commit waits for it.
     */
    @WithDefault("100ms")
    Duration producerRetryBackoff();

    /** How long a crashed instance keeps its partitions (unwatched) before they move. */
    @WithDefault("10s")
    Duration sessionTimeout();

    /**
     * A name for this instance that survives its restarts, e.g. the pod name of a StatefulSet (env
     * PUSHMON_PROCESSOR_INSTANCE_ID). Set, it makes the instance a static group member, which lets it leave the
     * group on a clean stop so its partitions move to a standby at once; unset, a stopped instance's partitions
     * wait for the session timeout.
     */
    Optional<String> instanceId();

    /**
     * Where this instance runs, e.g. the Kubernetes node name (env PUSHMON_PROCESSOR_RACK): standbys are placed
     * on instances with another value than their active task, so losing one node never loses both copies.
     */
    Optional<String> rack();

    /**
     * Off-heap memory all RocksDB stores of this instance share, block cache and write buffers together; size the
     * container as heap + this + headroom.
     */
    @WithDefault("256M")
    MemorySize rocksdbMemory();

    /** How the RocksDB stores compress their files: none, lz4, zstd or snappy; Kafka Streams' default is none. */
    @WithDefault("none")
    RocksDbCompression rocksdbCompression();

    /** Size at which a store's memtable is flushed unless the memory bound flushes it first; Kafka Streams' default. */
    @WithDefault("16M")
    MemorySize rocksdbWriteBufferSize();

    /** Memtables one store may hold: the one written and those waiting to be flushed; Kafka Streams' default. */
    @WithDefault("3")
    int rocksdbMaxWriteBuffers();

    /** Uncompressed size of the blocks RocksDB reads, caches and compresses; Kafka Streams' default. */
    @WithDefault("4K")
    MemorySize rocksdbBlockSize();

    /** The deadline detector. */
    Detector detector();

    /** Interactive queries over HTTP. */
    Query query();

    /** What happens after detection: grouping, reminders, maintenance and the storm guard. */
    Policy policy();

    /** Deadline detection ({@code pushmon.processor.detector.*}). */
    interface Detector {

        /** How often, on the wall clock, due deadlines are looked for; up to this much of every detection delay. */
        @WithDefault("100ms")
        Duration punctuationInterval();

        /** Subtracted from min(wall clock, heartbeat time) to form the cutoff; absorbs broker clock steps. */
        @WithDefault("100ms")
        Duration margin();

        /** A heartbeats partition silent (not even ticks) for longer than this had an ingest gap. */
        @WithDefault("5s")
        Duration gapThreshold();

        /** Most due index entries one punctuation acts on. */
        @WithDefault("10000")
        int budget();

        /** How far a deadline moves when evaluating its monitor failed. */
        @WithDefault("30s")
        Duration failureRetry();
    }

    /** The notification policy ({@code pushmon.processor.policy.*}). */
    interface Policy {

        /** How often, on the wall clock, due reminders, group windows and window ends are looked for. */
        @WithDefault("1s")
        Duration punctuationInterval();

        /** Correlated outages ({@code pushmon.processor.policy.grouping.*}). */
        Grouping grouping();

        /** The storm guard ({@code pushmon.processor.policy.storm.*}). */
        Storm storm();

        /** Correlated downs of a group (a tag, or a tenant's untagged monitors) become one notice. */
        interface Grouping {

            /** On or off; off, every down is notified on its own at once. */
            @WithDefault("true")
            boolean enabled();

            /** How long the first down of a group waits for others, and how long later joins are gathered. */
            @WithDefault("15s")
            Duration window();

            /** Fewest monitors down together that make one group notice; also the smallest group grouped at all. */
            @WithDefault("3")
            int minSize();

            /** A tenant's untagged monitors form one group too; off, grouping is by tag only. */
            @WithDefault("false")
            boolean untagged();
        }

        /** Holding notices while pushmon's own ingest fell and many monitors went down at once. */
        interface Storm {

            /** On or off. */
            @WithDefault("true")
            boolean enabled();

            /** Share of all monitors down within a minute that, with the ingest drop, is a storm. */
            @WithDefault("0.2")
            double downShare();

            /** How far below its baseline the ingest rate must fall (0.3: by 30%). */
            @WithDefault("0.3")
            double ingestDrop();

            /** Below this many monitors in all the guard never trips. */
            @WithDefault("100")
            long minMonitors();

            /** How long a down waits while ingest is falling but the share is not reached. */
            @WithDefault("15s")
            Duration confirm();

            /** Once ingest is back, how long held downs wait for the recoveries still on their way. */
            @WithDefault("60s")
            Duration settle();

            /** When the storm ends: {@code release} notifies the held monitors still down, {@code drop} drops all. */
            @WithDefault("release")
            String onRecovery();

            /** {@code tenant/channel} of the channel the operator is told on; unset, only the log and the metric. */
            Optional<String> operatorChannel();

            /** How often each detector task reports its counts to the guard. */
            @WithDefault("1s")
            Duration pulseInterval();

            /** A task's report older than this is left out. */
            @WithDefault("30s")
            Duration pulseStale();
        }
    }

    /** Reads of live state ({@code pushmon.processor.query.*}). */
    interface Query {

        /** Timeout of a read forwarded to the instance that owns the monitor. */
        @WithDefault("2s")
        Duration forwardTimeout();

        /** Seconds announced in Retry-After when the state cannot be read right now. */
        @WithDefault("1")
        int retryAfterSeconds();
    }

    /** Compressions of RocksDB files that pushmon offers; rocksdbjni has each built in. */
    enum RocksDbCompression {
        NONE, LZ4, ZSTD, SNAPPY
    }
}
