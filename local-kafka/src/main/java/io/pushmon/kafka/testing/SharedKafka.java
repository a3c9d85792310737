package io.pushmon.kafka.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.test.TestKitNodes;
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
            source = BrokerSource.choose(System.getenv(), SharedKafka::dockerAnswers);
            bootstrapServers = switch (source) {
                case EXTERNAL -> System.getenv(BrokerSource.BOOTSTRAP_ENV);
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
        try {
            // Our own directory, not the kit's default: the kit registers a JVM shutdown hook that deletes its
            // default directory, and that hook runs concurrently with ours. A broker whose log directory
            // vanishes mid-close treats it as a failed disk and halts the JVM with status 1, which surefire
            // reports as a failed fork after every test passed. Closing first and deleting after, in one hook,
            // removes the race.
            Path baseDirectory = Files.createTempDirectory("pushmon-test-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(baseDirectory)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            for (Map.Entry<String, String> setting : BrokerSettings.singleNode().entrySet()) {
                builder.setConfigProp(setting.getKey(), setting.getValue());
            }
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                    Utils.delete(baseDirectory.toFile());
                } catch (Exception e) {
                    LOG.warning("Stopping the test broker failed: " + e);
                }
            }, "kafka-testkit-stop"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-process Kafka broker", e);
        }
    }
}
