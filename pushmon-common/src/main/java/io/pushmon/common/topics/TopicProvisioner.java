package io.pushmon.common.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;

/**
 * Creates pushmon's topics if they are missing and checks the ones that exist, or on a cluster where topics are
 * declared resources only checks them. Safe to run from every service at every start, concurrently: creation
 * races end in {@link TopicExistsException}, which is success here.
 */
public final class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class.getName());

    /** Topic settings a wrong value of which breaks pushmon rather than tuning it. */
    private static final List<String> CHECKED_CONFIGS = List.of("cleanup.policy", "message.timestamp.type");

    private final int partitions;
    private final short replicationFactor;

    public TopicProvisioner(int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /**
     * At a service's start: creates every missing topic, or in {@link KafkaConfig.TopicMode#VERIFY} mode checks
     * that the topics this service uses exist as it needs them, and fails the start with what is wrong.
     */
    public static void provision(KafkaConfig config, KafkaAccess.Service service) {
        Map<String, Object> adminConfigs = KafkaClients.common(config, "pushmon-topic-provisioner");
        adminConfigs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        TopicProvisioner provisioner = new TopicProvisioner(config.partitions(), config.replicationFactor());
        if (config.topics() == KafkaConfig.TopicMode.CREATE) {
            provisioner.provision(adminConfigs);
            return;
        }
        try (Admin admin = Admin.create(adminConfigs)) {
            provisioner.verify(admin, service.topics());
        }
    }

    /** Provisions every topic against the given bootstrap servers. */
    public void provision(String bootstrapServers) {
        provision(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void provision(Map<String, Object> adminConfigs) {
        try (Admin admin = Admin.create(adminConfigs)) {
            provision(admin, Topic.all());
        }
    }

    /** Provisions the given topics and verifies that co-partitioned topics agree on their partition count. */
    public void provision(Admin admin, Collection<Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.topicName())) {
                    missing.add(new NewTopic(topic.topicName(), partitions, replicationFactor).configs(topic.configs()));
                }
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info(() -> "Created topic " + entry.getKey() + " with " + partitions + " partitions");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            verifyCoPartitioning(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not provision Kafka topics: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the given topics exist, that the settings the services rely on for correctness match (cleanup
     * policy; LogAppendTime on heartbeats, without which the detector's clock is the gateways' clocks), and that
     * co-partitioned topics agree. Retention and the like are the operator's to tune and are not checked.
     */
    public void verify(Admin admin, Collection<Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = topics.stream().map(Topic::topicName).filter(n -> !existing.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Kafka topics " + missing + " do not exist (or this service may not "
                        + "describe them); with pushmon.kafka.topics=verify they must be created beforehand");
            }
            List<ConfigResource> resources = topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.topicName())).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            List<String> wrong = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()));
                for (String key : CHECKED_CONFIGS) {
                    String expected = topic.configs().get(key);
                    ConfigEntry entry = actual.get(key);
                    if (expected != null && (entry == null || !expected.equals(entry.value()))) {
                        wrong.add(topic.topicName() + " " + key + "=" + (entry == null ? null : entry.value())
                                + " (needs " + expected + ")");
                    }
                }
            }
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("Kafka topics are misconfigured: " + String.join(", ", wrong));
            }
            verifyCoPartitioning(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while verifying topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not verify Kafka topics: " + e.getMessage(), e);
        }
    }

    /**
     * A topic created a moment ago may not be in the broker's metadata yet: describing it then fails with
     * UnknownTopicOrPartition although it exists, so that answer is retried for a while.
     */
    private static Map<String, TopicDescription> describe(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void verifyCoPartitioning(Admin admin, Collection<Topic<?, ?>> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> joined = topics.stream().filter(Topic::coPartitioned).map(Topic::topicName)
                .collect(Collectors.toSet());
        if (joined.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described = describe(admin, joined);
        Set<Integer> counts = described.values().stream().map(d -> d.partitions().size()).collect(Collectors.toSet());
        if (counts.size() > 1) {
            throw new IllegalStateException("Topics " + joined + " must have the same partition count but have "
                    + described.values().stream().map(d -> d.name() + "=" + d.partitions().size())
                            .collect(Collectors.joining(", ")));
        }
    }
}
