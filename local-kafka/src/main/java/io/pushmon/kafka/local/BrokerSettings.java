package io.pushmon.kafka.local;

import java.util.Map;

/** Broker settings every pushmon broker needs, local run and tests alike: single node, or one node of a cluster. */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    /**
     * With one node, the internal topics must not ask for three replicas: the defaults make group commits
     * and transactions (exactly-once processing) hang forever waiting for replicas that do not exist.
     */
    public static Map<String, String> singleNode() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "12",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "min.insync.replicas", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false");
    }

    /**
     * A node of a cluster of {@code nodes} (at least 3): every topic, the internal ones included, gets three
     * replicas and refuses writes that fewer than two of them hold, so one node can fail without losing an
     * acknowledged record or stopping writes, as in {@code deploy/kafka.yaml}.
     */
    public static Map<String, String> cluster(int nodes) {
        if (nodes < 3) {
            throw new IllegalArgumentException("a replicated cluster needs at least 3 nodes, not " + nodes);
        }
        return Map.ofEntries(
                Map.entry("default.replication.factor", "3"),
                Map.entry("min.insync.replicas", "2"),
                Map.entry("offsets.topic.replication.factor", "3"),
                Map.entry("offsets.topic.num.partitions", "12"),
                Map.entry("transaction.state.log.replication.factor", "3"),
                Map.entry("transaction.state.log.min.isr", "2"),
                Map.entry("share.coordinator.state.topic.replication.factor", "3"),
                Map.entry("share.coordinator.state.topic.min.isr", "2"),
                Map.entry("unclean.leader.election.enable", "false"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"));
    }
}
