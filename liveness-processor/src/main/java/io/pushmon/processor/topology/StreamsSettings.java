package io.pushmon.processor.topology;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The Kafka Streams settings the detector runs with, independent of Quarkus so tests on the real broker
 * start the very same configuration.
 *
 * @param applicationId     consumer group and prefix of the changelog topics
 * @param connection        the brokers and how to authenticate to them ({@code KafkaClients.connection})
 * @param stateDir          where RocksDB keeps the stores
 * @param applicationServer host:port other instances forward interactive queries to
 * @param streamThreads     stream threads of this instance
 * @param standbyReplicas   warm copies of each task's stores on other instances
 * @param replicationFactor replicas of the changelog topics
 * @param commitIntervalMs  how often transactions commit, which bounds how late an event becomes visible
 * @param sessionTimeoutMs  how long a vanished instance keeps its partitions before they move
 * @param instanceId        a stable name for static group membership, or empty
 * @param rack              where the instance runs, for standby placement, or empty
 * @param rocksDb           how the RocksDB stores are set up, with the off-heap memory they share
 * @param retryBackoffMs    first wait of the producer before it retries a write the broker refused for now
 */
public record StreamsSettings(String applicationId, Map<String, Object> connection, Path stateDir,
        String applicationServer, int streamThreads, int standbyReplicas, int replicationFactor,
        long commitIntervalMs, long sessionTimeoutMs, Optional<String> instanceId, Optional<String> rack,
        RocksDbSettings rocksDb, long retryBackoffMs) {

    /** The client tag standbys are spread by. */
    static final String RACK_TAG = "rack";
    /** Default bound of RocksDB memory where a caller does not choose one (tests). */
    static final long DEFAULT_ROCKSDB_MEMORY = 64L << 20;
    /** Longest time between a member's heartbeats. */
    static final long HEARTBEAT_INTERVAL_MS = 1_000;

    public StreamsSettings {
        connection = Map.copyOf(connection);
    }

    /** Settings of a dynamic group member without placement, as tests on one machine run it. */
    public static StreamsSettings local(String applicationId, String bootstrapServers, Path stateDir,
            String applicationServer, long commitIntervalMs, long sessionTimeoutMs) {
        return new StreamsSettings(applicationId, Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                stateDir, applicationServer, 1, 0, 1, commitIntervalMs, sessionTimeoutMs, Optional.empty(),
                Optional.empty(), RocksDbSettings.streamsDefaults(DEFAULT_ROCKSDB_MEMORY),
                CommonClientConfigs.DEFAULT_RETRY_BACKOFF_MS);
    }

    /** The same settings for a static member named {@code id} on {@code rack}, with standbys. */
    public StreamsSettings placed(String id, String rackName, int standbys) {
        return new StreamsSettings(applicationId, connection, stateDir, applicationServer, streamThreads, standbys,
                replicationFactor, commitIntervalMs, sessionTimeoutMs, Optional.of(id), Optional.of(rackName),
                rocksDb, retryBackoffMs);
    }

    /** The same settings with other RocksDB settings. */
    public StreamsSettings withRocksDb(RocksDbSettings settings) {
        return new StreamsSettings(applicationId, connection, stateDir, applicationServer, streamThreads,
                standbyReplicas, replicationFactor, commitIntervalMs, sessionTimeoutMs, instanceId, rack, settings,
                retryBackoffMs);
    }

    public Properties toProperties() {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        // A down event and the state change that caused it commit together, or neither does.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        // A record nobody can read (a newer writer's format during a rolling upgrade, a hand-written record) is
        // logged and skipped, and counted in Kafka Streams' dropped-records metric: failing would kill the stream
        // thread, and its replacement would die on the same record, leaving every monitor of the partition
        // unwatched.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // Stream threads do not leave the group on close, so after a stop or a crash the partitions stay
        // unowned, and their monitors unwatched, until the session times out: keep it short.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeoutMs);
        // Members learn of a rebalance from a heartbeat's answer, so the interval delays every hand-over; one a
        // second costs the broker next to nothing.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(1, Math.min(sessionTimeoutMs / 3, HEARTBEAT_INTERVAL_MS)));
        // Kafka Streams 4.1 leaves the group on close only for static members (it removes them through the admin
        // client), so a stable instance id is what lets a clean stop hand partitions over at once.
        instanceId.ifPresent(id -> props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        rack.ifPresent(r -> {
            props.put(StreamsConfig.RACK_AWARE_ASSIGNMENT_TAGS_CONFIG, RACK_TAG);
            props.put(StreamsConfig.clientTagPrefix(RACK_TAG), r);
        });
        // Right after a commit, the broker answers the next transaction's first write to a partition with
        // CONCURRENT_TRANSACTIONS until the previous transaction's marker is on it; every retry waits this long,
        // and the commit after it, with every down event in it, waits for the retry. The wait still grows
        // exponentially up to retry.backoff.max.ms (1 s) while a broker is really unavailable.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), retryBackoffMs);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbOptionsSetter.class);
        props.putAll(rocksDb.streamsProperties());
        return props;
    }
}
