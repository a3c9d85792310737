package io.pushmon.kafka.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;

import io.pushmon.kafka.local.BrokerSettings;

/**
 * A real single-node KRaft broker inside the test JVM, from Kafka's own test kit: the shared broker when there
 * is no Docker, and a broker of its own for a test that must stop one under a running service.
 */
public final class InProcessKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Path baseDirectory;
    private boolean closed;

    private InProcessKafka(KafkaClusterTestKit cluster, Path baseDirectory) {
        this.cluster = cluster;
        this.baseDirectory = baseDirectory;
    }

    /** Formats, starts and waits until the broker is ready. */
    public static InProcessKafka start() {
        try {
            // Our own directory, not the kit's default: the kit registers a JVM shutdown hook that deletes its
            // default directory, and that hook runs concurrently with ours. A broker whose log directory
            // vanishes mid-close treats it as a failed disk and halts the JVM with status 1, which surefire
            // reports as a failed fork after every test passed. Closing first and deleting after removes the race.
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
            return new InProcessKafka(cluster, baseDirectory);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-process Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker, then deletes its data. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        cluster.close();
        Utils.delete(baseDirectory.toFile());
    }
}
