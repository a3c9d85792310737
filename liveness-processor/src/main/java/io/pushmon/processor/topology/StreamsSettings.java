package io.pushmon.processor.topology;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The Kafka Streams settings the detector runs with, independent of Quarkus so tests on the real broker
 * start the very same configuration.
 *
 * @param applicationId     consumer group and prefix of the changelog topics
 * @param bootstrapServers  the brokers
 * @param stateDir          where RocksDB keeps the stores
 * @param applicationServer host:port other instances forward interactive queries to
 * @param streamThreads     stream threads of this instance
 * @param standbyReplicas   warm copies of each task's stores on other instances
 * @param replicationFactor replicas of the changelog topics
 * @param commitIntervalMs  how often transactions commit, which bounds how late an event becomes visible
 * @param sessionTimeoutMs  how long a vanished instance keeps its partitions before they move
 */
public record StreamsSettings(String applicationId, String bootstrapServers, Path stateDir,
        String applicationServer, int streamThreads, int standbyReplicas, int replicationFactor,
        long commitIntervalMs, long sessionTimeoutMs) {

    public Properties toProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(1, sessionTimeoutMs / 3));
        return props;
    }
}
