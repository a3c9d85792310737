package io.pushmon.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pushmon.gateway.GatewayConfig;

/** The gateway's Kafka client settings, and its one producer. */
@ApplicationScoped
public class KafkaClients {

    private static final int LINGER_MS = 2;

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> producer(KafkaConnection connection, GatewayConfig config) {
        return new KafkaProducer<>(producerConfigs(connection.bootstrapServers(), config.kafka().produceTimeout(),
                "pushmon-gateway"), new StringSerializer(), new ByteArraySerializer());
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * A producer that answers within {@code produceTimeout} either way: acknowledged by all in-sync
     * replicas, or failed. Every bound that could hold a send longer (waiting for metadata, a request, the
     * whole delivery with retries) is derived from it, so a dead broker becomes a 503 in seconds instead of
     * a request hanging for the client defaults (two minutes).
     */
    public static Map<String, Object> producerConfigs(String bootstrapServers, Duration produceTimeout,
            String clientId) {
        int deliveryMs = (int) Math.max(produceTimeout.toMillis(), 1000);
        Map<String, Object> configs = new HashMap<>();
        configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        // Half the budget per request leaves room for one retry after a leader change.
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max((deliveryMs - LINGER_MS) / 2, 500));
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        return configs;
    }

    /** A consumer without a group that reads everything, for caches that own their partitions' positions. */
    public static Map<String, Object> cacheConsumerConfigs(String bootstrapServers, String clientId) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return configs;
    }
}
