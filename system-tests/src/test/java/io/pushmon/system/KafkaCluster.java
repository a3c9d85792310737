package io.pushmon.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A replicated KRaft cluster on loopback: {@code nodes} {@code LocalKafka} processes, each broker and controller,
 * each with its own ports, data directory and log ({@code kafka-1.log}, ...), formatted with one cluster id. Every
 * topic gets three replicas and {@code min.insync.replicas=2} (internal topics included), so one node can be
 * SIGKILLed under load and started again on its data, which an in-process test kit cannot do.
 *
 * <p>Nodes are numbered from 1, as their {@code node.id}. The caller owns the cluster: hand its
 * {@link #bootstrapServers()} to {@link PushmonSystem.Builder#kafka(String, int)} and close it after the system; a
 * JVM shutdown hook kills what is left if a run is cut short. Test code, as it needs the Kafka admin client, which
 * the launcher (also used by the benchmarks) does without.
 */
public final class KafkaCluster implements AutoCloseable {

    /** Every pushmon topic's replicas in cluster mode, as {@code PUSHMON_KAFKA_REPLICATION_FACTOR} in deploy/. */
    public static final int REPLICATION_FACTOR = 3;

    private static final List<String> BROKER_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

    private final List<Integer> ports = new ArrayList<>();
    private final List<ManagedProcess> nodes = new ArrayList<>();
    private final Admin admin;
    private final Thread shutdownHook = new Thread(this::stopAll, "kafka-cluster-shutdown");
    private boolean closed;

    private KafkaCluster(Path root, Path dataDir, int size) {
        if (size < 3) {
            throw new IllegalArgumentException("a replicated cluster needs at least 3 nodes, not " + size);
        }
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(PushmonSystem.freePort());
            controllerPorts.add(PushmonSystem.freePort());
        }
        String voters = IntStream.range(0, size).mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        String classpath = brokerClasspath(root);
        Path logs = dataDir.resolve("logs");
        for (int i = 0; i < size; i++) {
            int node = i + 1;
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(BROKER_JVM);
            command.addAll(List.of("-Dlog4j2.configurationFile=classpath:local-kafka-log4j2.properties", "-cp",
                    classpath, "io.pushmon.kafka.local.LocalKafka",
                    "--data-dir", dataDir.resolve("kafka-" + node).toString(),
                    "--port", Integer.toString(ports.get(i)),
                    "--controller-port", Integer.toString(controllerPorts.get(i)),
                    "--node-id", Integer.toString(node), "--voters", voters, "--cluster-id", clusterId));
            nodes.add(new ManagedProcess("kafka-" + node, command, Map.of(), root, logs.resolve("kafka-" + node
                    + ".log")));
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /**
     * Starts {@code size} nodes under {@code dataDir} (their logs in {@code dataDir/logs}) with the brokers built in
     * {@code root}'s {@code local-kafka/target}, and returns once every broker is registered with the controller.
     */
    public static KafkaCluster start(Path root, Path dataDir, int size, Duration within) {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaCluster cluster = new KafkaCluster(root, dataDir, size);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            // All at once: a node's controller waits for a quorum of the others before its broker comes up.
            cluster.nodes.forEach(ManagedProcess::start);
            cluster.awaitBrokers(size, within);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static String brokerClasspath(Path root) {
        try {
            return root.resolve("local-kafka/target/classes") + ":"
                    + Files.readString(root.resolve("local-kafka/target/runtime-classpath.txt")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("local-kafka is not built (no local-kafka/target/runtime-classpath.txt);"
                    + " package it first", e);
        }
    }

    /** Every node's listener, e.g. {@code 127.0.0.1:41001,127.0.0.1:41003,127.0.0.1:41005}. */
    public String bootstrapServers() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** The process of node {@code node} (1-based), e.g. for its pid or log. */
    public ManagedProcess process(int node) {
        if (node < 1 || node > nodes.size()) {
            throw new IllegalArgumentException("the cluster has nodes 1 to " + nodes.size() + ", not " + node);
        }
        return nodes.get(node - 1);
    }

    /** SIGKILL to one node: no controlled shutdown, no leadership handed over, unflushed pages left to the OS. */
    public void kill(int node) {
        process(node).kill();
    }

    /** Starts a killed or stopped node again on its ports and data; returns once it is registered again. */
    public void restart(int node, Duration within) {
        ManagedProcess process = process(node);
        process.stop(Duration.ofSeconds(15));
        process.start();
        long deadline = System.nanoTime() + within.toNanos();
        while (!accepts(ports.get(node - 1)) || !registered().contains(node)) {
            checkAlive(process, deadline, within);
            sleep(Duration.ofMillis(250));
        }
    }

    /** The node ids the controller currently counts as live brokers. */
    public Set<Integer> registered() {
        try {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id)
                    .collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The active controller's node id, or -1 if no answer came. */
    public int activeController() {
        try {
            return admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).leaderId();
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Leader and in-sync replicas of every partition of these topics, as the brokers' metadata has them now. */
    public Map<String, List<TopicPartitionInfo>> describe(Set<String> topics) throws ExecutionException,
            TimeoutException, InterruptedException {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5,
                TimeUnit.SECONDS);
        return described.values().stream().collect(Collectors.toMap(TopicDescription::name,
                TopicDescription::partitions));
    }

    /** The value a topic runs with for one setting, whether set on the topic or inherited from the brokers. */
    public String effectiveConfig(String topic, String name) throws ExecutionException, TimeoutException,
            InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(5, TimeUnit.SECONDS).get(resource).get(name)
                .value();
    }

    /** Every topic, the internal ones (offsets, transaction state) included. */
    public Set<String> topics() throws ExecutionException, TimeoutException, InterruptedException {
        return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync, e.g. after a restarted node has
     * caught up; only then can another node fail without a partition dropping below {@code min.insync.replicas}.
     */
    public void awaitFullyInSync(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String lagging = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                lagging = describe(topics()).entrySet().stream()
                        .flatMap(e -> e.getValue().stream().filter(p -> p.isr().size() < p.replicas().size())
                                .map(p -> e.getKey() + "-" + p.partition() + " isr " + ids(p.isr())))
                        .collect(Collectors.joining(", "));
                if (lagging.isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                lagging = "no answer: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("not every replica in sync after " + within + ": " + lagging);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private void awaitBrokers(int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (registered().size() < count) {
            nodes.forEach(n -> checkAlive(n, deadline, within));
            sleep(Duration.ofMillis(250));
        }
    }

    private static void checkAlive(ManagedProcess process, long deadline, Duration within) {
        if (!process.isAlive()) {
            throw new IllegalStateException(process + " exited; log " + process.log() + ":\n" + process.tail(40));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(process + " was not registered after " + within + "; log "
                    + process.log() + ":\n" + process.tail(40));
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Kills every node; call it after the services that use the cluster. SIGKILL, not SIGTERM: nodes that shut down
     * together wait on each other's controlled shutdown for their whole grace period, and a test cluster's data is
     * thrown away anyway.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing left to unregister.
        }
    }

    private void stopAll() {
        admin.close(Duration.ofSeconds(2));
        nodes.forEach(ManagedProcess::kill);
    }
}
