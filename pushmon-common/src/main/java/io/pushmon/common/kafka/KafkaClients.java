package io.pushmon.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings of every Kafka client pushmon's services build, derived from the one {@link KafkaConfig}, so
 * a producer of the gateway and one of the dispatcher behave alike and a new client setting is added once.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** What every client (producer, consumer, admin) needs to reach the cluster. */
    public static Map<String, Object> common(KafkaConfig config, String clientId) {
        Map<String, Object> configs = connection(config);
        configs.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return configs;
    }

    /**
     * Where the brokers are and how to authenticate to them, under Kafka's own names: also what Kafka Streams is
     * given. Kafka logs password-typed settings (JAAS line, store passwords) masked.
     */
    public static Map<String, Object> connection(KafkaConfig config) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        KafkaConfig.Security security = config.security();
        configs.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, security.protocol());
        security.saslMechanism().ifPresent(v -> configs.put(SaslConfigs.SASL_MECHANISM, v));
        security.saslJaasConfig().ifPresent(v -> configs.put(SaslConfigs.SASL_JAAS_CONFIG, v));
        security.truststoreType().ifPresent(v -> configs.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, v));
        security.truststoreLocation().ifPresent(v -> configs.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, v));
        security.truststorePassword().ifPresent(v -> configs.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, v));
        security.keystoreType().ifPresent(v -> configs.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, v));
        security.keystoreLocation().ifPresent(v -> configs.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, v));
        security.keystorePassword().ifPresent(v -> configs.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, v));
        security.keyPassword().ifPresent(v -> configs.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, v));
        security.endpointIdentificationAlgorithm()
                .ifPresent(v -> configs.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, v));
        return configs;
    }

    /**
     * An idempotent {@code acks=all} producer that answers within the produce timeout either way: acknowledged
     * by all in-sync replicas, or failed. Every bound that could hold a send longer (a request, the whole
     * delivery with retries) is derived from it, so a dead broker becomes a failed write in seconds instead of
     * the client defaults' two minutes.
     *
     * @param maxBlock how long {@code send} may block its caller for metadata or buffer space; zero for callers on
     *                 an event loop, which must fail at once rather than wait
     */
    public static Map<String, Object> producer(KafkaConfig config, String clientId, Duration maxBlock) {
        int deliveryMs = (int) Math.max(config.produceTimeout().toMillis(), 1000);
        int lingerMs = (int) config.linger().toMillis();
        Map<String, Object> configs = common(config, clientId);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        configs.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSize());
        configs.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        // Half the budget per request leaves room for one retry after a leader change.
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max((deliveryMs - lingerMs) / 2, 500));
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        return configs;
    }

    /** A producer of serialised records (see {@link io.pushmon.common.topics.Topic#record}). */
    public static Producer<byte[], byte[]> newProducer(KafkaConfig config, String clientId, Duration maxBlock) {
        return new KafkaProducer<>(producer(config, clientId, maxBlock), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /**
     * A consumer without a group that reads only committed records from the beginning: for readers that keep
     * every partition's position themselves ({@link TopicFollower}).
     */
    public static Map<String, Object> groupless(KafkaConfig config, String clientId) {
        Map<String, Object> configs = common(config, clientId);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return configs;
    }

    /** A consumer-group member that reads only committed records and commits its offsets itself. */
    public static Map<String, Object> groupMember(KafkaConfig config, String clientId, String groupId) {
        Map<String, Object> configs = common(config, clientId);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A new group starts at the beginning of retention: acting late beats losing what happened.
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return configs;
    }
}
