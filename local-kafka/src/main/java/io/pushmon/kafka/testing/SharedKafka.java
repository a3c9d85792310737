package io.pushmon.kafka.testing;

import java.util.logging.Logger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.kafka.local.BrokerSettings;

/**
 * One real Kafka broker per test JVM, started on first use and stopped when the JVM exits. Sharing it
 * keeps the suite fast: starting a KRaft node costs seconds, a topic costs milliseconds. pushmon's topics
 * are provisioned before anything is handed out, so an application never boots against missing topics.
 */
public final class SharedKafka {

    private static final Logger LOG = Logger.getLogger(SharedKafka.class.getName());

    /** Partitions per topic in tests: more than one, so keying and co-partitioning are exercised. */
    public static final int TEST_PARTITIONS = 3;

    private static String bootstrapServers;
    private static BrokerSource source;

    private SharedKafka() {
    }

    /** Bootstrap servers of the shared broker, starting it and provisioning topics on first call. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getProperty(BrokerSource.EXTERNAL_PROPERTY);
            source = BrokerSource.choose(external, SharedKafka::dockerAnswers);
            bootstrapServers = switch (source) {
                case EXTERNAL -> external.trim();
                case TESTCONTAINERS -> startContainer();
                case IN_PROCESS -> startInProcess();
            };
            LOG.info(() -> "Test Kafka broker (" + source + ") at " + bootstrapServers);
            new TopicProvisioner(TEST_PARTITIONS, (short) 1).provision(bootstrapServers);
        }
        return bootstrapServers;
    }

    /** Where the shared broker came from; null before first use. */
    public static synchronized BrokerSource source() {
        return source;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
        // The image reads broker settings from KAFKA_* variables, dots as underscores.
        BrokerSettings.singleNode().forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        return container.getBootstrapServers();
    }

    private static String startInProcess() {
        InProcessKafka broker = InProcessKafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                LOG.warning("Stopping the test broker failed: " + e);
            }
        }, "kafka-testkit-stop"));
        return broker.bootstrapServers();
    }
}
