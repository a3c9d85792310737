package io.pushmon.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    @Test
    void theLocalBrokerListensOnLoopbackOnlyWithItsControllerBesideIt() {
        var props = LocalKafka.serverProperties(Path.of("/data"), 9092, 9093);

        assertThat(props).containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("log.dirs", Path.of("/data/logs").toString());
    }

    @Test
    void aSingleNodeBrokerNeverAsksForMoreReplicasThanItHas() {
        var props = LocalKafka.serverProperties(Path.of("/data"), 9092, 9093);

        assertThat(props).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1");
    }

    @Test
    void aClusterNodeKnowsTheWholeQuorumAndKeepsEveryRecordOnThreeReplicasTwoInSync() {
        var props = LocalKafka.clusterNodeProperties(Path.of("/data"), 2, 9094, 9095,
                "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");

        assertThat(props).containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void aReplicatedClusterNeedsThreeNodes() {
        assertThatThrownBy(() -> BrokerSettings.cluster(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3");
    }

    @Test
    void optionsComeInPairs() {
        assertThat(LocalKafka.parse(new String[] {"--port", "19092", "--data-dir", "x"}))
                .containsEntry("port", "19092").containsEntry("data-dir", "x");
        assertThatThrownBy(() -> LocalKafka.parse(new String[] {"--port"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }
}
