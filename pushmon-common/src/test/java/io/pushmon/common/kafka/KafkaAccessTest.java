package io.pushmon.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import io.pushmon.common.topics.Topic;

class KafkaAccessTest {

    @Test
    void everyTopicIsWrittenBySomeServiceAndReadBySomeOther() {
        for (Topic<?, ?> topic : Topic.all()) {
            assertThat(servicesAllowed(topic, AclOperation.WRITE)).as("writers of %s", topic).isNotEmpty();
        }
        assertThat(servicesAllowed(Topic.HEARTBEATS, AclOperation.READ))
                .containsExactly(KafkaAccess.Service.PROCESSOR);
        assertThat(servicesAllowed(Topic.MONITOR_EVENTS, AclOperation.WRITE))
                .containsExactly(KafkaAccess.Service.PROCESSOR);
    }

    @Test
    void noServiceMayCreateOrDeletePushmonsTopics() {
        for (KafkaAccess.Service service : KafkaAccess.Service.values()) {
            for (Topic<?, ?> topic : service.topics()) {
                assertThat(operations(service, topic)).as("%s on %s", service, topic)
                        .doesNotContain(AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALL,
                                AclOperation.ALTER, AclOperation.ALTER_CONFIGS);
            }
        }
    }

    @Test
    void everyUsedTopicCanBeVerifiedAtStart() {
        for (KafkaAccess.Service service : KafkaAccess.Service.values()) {
            for (Topic<?, ?> topic : service.topics()) {
                assertThat(operations(service, topic)).contains(AclOperation.DESCRIBE_CONFIGS);
            }
        }
    }

    @Test
    void theGatewayNeitherConsumesInAGroupNorHoldsTransactions() {
        assertThat(KafkaAccess.Service.GATEWAY.grants()).map(KafkaAccess.Grant::type)
                .containsOnly(ResourceType.TOPIC);
    }

    @Test
    void bindingsNameThePrincipalOncePerOperation() {
        var bindings = KafkaAccess.Service.DISPATCHER.aclBindings("User:pushmon-dispatcher");
        int operations = KafkaAccess.Service.DISPATCHER.grants().stream().mapToInt(g -> g.operations().size()).sum();

        assertThat(bindings).hasSize(operations)
                .allSatisfy(b -> assertThat(b.entry().principal()).isEqualTo("User:pushmon-dispatcher"));
    }

    private static Set<KafkaAccess.Service> servicesAllowed(Topic<?, ?> topic, AclOperation operation) {
        return Set.of(KafkaAccess.Service.values()).stream()
                .filter(s -> operations(s, topic).contains(operation)).collect(Collectors.toSet());
    }

    private static Set<AclOperation> operations(KafkaAccess.Service service, Topic<?, ?> topic) {
        return service.grants().stream()
                .filter(g -> g.type() == ResourceType.TOPIC && g.name().equals(topic.topicName()))
                .flatMap(g -> g.operations().stream()).collect(Collectors.toSet());
    }
}
