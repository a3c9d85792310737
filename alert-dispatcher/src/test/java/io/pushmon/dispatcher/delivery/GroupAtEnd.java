package io.pushmon.dispatcher.delivery;

import java.util.Map;

import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.topics.Topic;
import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TestKafkaConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives one of the dispatcher's consumers a group of its own test class, placed at the end of its topic before the
 * application boots, so its first poll ignores what earlier test classes wrote. Arguments: {@code group}, the
 * {@code topic} and the group's {@code property}.
 */
public class GroupAtEnd implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> args;

    /** The resource's arguments for a group on a topic, set through the given property. */
    static Map<String, String> args(String group, Topic<?, ?> topic, String property) {
        return Map.of("group", group, "topic", topic.topicName(), "property", property);
    }

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        TopicProvisioner.provision(TestKafkaConfig.of(SharedKafka.bootstrapServers()), KafkaAccess.Service.DISPATCHER);
        Topic<?, ?> topic = Topic.all().stream().filter(t -> t.topicName().equals(args.get("topic"))).findFirst()
                .orElseThrow();
        DispatcherTopics.topics().moveGroupToEnd(args.get("group"), topic);
        return Map.of(args.get("property"), args.get("group"));
    }

    @Override
    public void stop() {
    }
}
