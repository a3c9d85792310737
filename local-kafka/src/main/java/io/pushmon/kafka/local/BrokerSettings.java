package io.pushmon.kafka.local;

import java.util.Map;

/** Broker settings every single-node pushmon broker needs, local run and tests alike. */
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
}
