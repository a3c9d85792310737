package io.pushmon.common.kafka;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.pushmon.common.topics.Topic;

/**
 * What each service may do on a secured cluster: the one list that the Kubernetes KafkaUsers, the secured-broker
 * system test and the services' start-up topic check all come from. A service that starts touching a topic adds
 * it here, or the secured test fails on the broker's refusal.
 *
 * <p>Only what Kafka does not imply is granted: READ and WRITE imply DESCRIBE, so DESCRIBE is listed only where
 * a service neither reads nor writes. Every topic a service uses also gets DESCRIBE_CONFIGS, because in
 * {@link KafkaConfig.TopicMode#VERIFY} mode it checks their cleanup policy and timestamp type at start. Nobody
 * gets CREATE on pushmon's topics: on such a cluster they are declared resources.
 */
public final class KafkaAccess {

    /** A service and the Kafka names its clients use by default. */
    public enum Service {
        /** HTTP front: writes pushes and configuration, reads configuration and events back into caches. */
        GATEWAY("pushmon-gateway"),
        /** Kafka Streams detector: reads pushes and definitions, writes status changes in transactions. */
        PROCESSOR("pushmon-processor"),
        /** Notifier: consumes status changes in a group and keeps its retries and delivery log in topics. */
        DISPATCHER("pushmon-dispatcher");

        private final String userName;

        Service(String userName) {
            this.userName = userName;
        }

        /** The Kafka user (SCRAM user name, KafkaUser resource name) this service authenticates as. */
        public String userName() {
            return userName;
        }

        /** Every grant this service needs, in a fixed order. */
        public List<Grant> grants() {
            return KafkaAccess.grants(this);
        }

        /** pushmon's topics this service reads or writes. */
        public Set<Topic<?, ?>> topics() {
            Set<Topic<?, ?>> topics = new LinkedHashSet<>();
            for (Grant grant : grants()) {
                if (grant.type() == ResourceType.TOPIC && grant.pattern() == PatternType.LITERAL) {
                    Topic.all().stream().filter(t -> t.topicName().equals(grant.name())).forEach(topics::add);
                }
            }
            return topics;
        }

        /** The grants as ACL bindings allowing the given principal ({@code User:name}) from any host. */
        public List<AclBinding> aclBindings(String principal) {
            List<AclBinding> bindings = new ArrayList<>();
            for (Grant grant : grants()) {
                ResourcePattern resource = new ResourcePattern(grant.type(), grant.name(), grant.pattern());
                for (AclOperation operation : grant.operations()) {
                    bindings.add(new AclBinding(resource,
                            new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
                }
            }
            return bindings;
        }
    }

    /** Kafka Streams application id of the processor: its consumer group and transactional id prefix. */
    public static final String PROCESSOR_APPLICATION_ID = "pushmon-liveness-processor";
    /** Consumer group of the dispatcher's {@code monitor-events} consumer. */
    public static final String DISPATCHER_EVENTS_GROUP = "pushmon-dispatcher";
    /** Consumer group of the dispatcher's {@code notification-retries} consumer. */
    public static final String DISPATCHER_RETRIES_GROUP = "pushmon-dispatcher-retries";

    /**
     * Operations on one resource or resource prefix.
     *
     * @param pattern {@link PatternType#LITERAL} or {@link PatternType#PREFIXED}
     */
    public record Grant(ResourceType type, String name, PatternType pattern, Set<AclOperation> operations) {

        public Grant {
            operations = Set.copyOf(operations);
        }

        static Grant topic(Topic<?, ?> topic, AclOperation... operations) {
            EnumSet<AclOperation> all = EnumSet.of(DESCRIBE_CONFIGS, operations);
            return new Grant(ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL, all);
        }

        static Grant group(String group) {
            return new Grant(ResourceType.GROUP, group, PatternType.LITERAL, Set.of(READ));
        }
    }

    private KafkaAccess() {
    }

    private static List<Grant> grants(Service service) {
        return switch (service) {
            case GATEWAY -> List.of(
                    Grant.topic(Topic.HEARTBEATS, WRITE),
                    Grant.topic(Topic.MONITORS, READ, WRITE),
                    Grant.topic(Topic.CHANNELS, READ, WRITE),
                    Grant.topic(Topic.TENANTS, READ, WRITE),
                    Grant.topic(Topic.USERS, READ, WRITE),
                    Grant.topic(Topic.AUDIT, READ, WRITE),
                    Grant.topic(Topic.MONITOR_EVENTS, READ),
                    Grant.topic(Topic.POLICY_INPUTS, WRITE),
                    Grant.topic(Topic.MAINTENANCE_WINDOWS, READ, WRITE));
            case PROCESSOR -> List.of(
                    Grant.topic(Topic.HEARTBEATS, READ),
                    Grant.topic(Topic.MONITORS, READ),
                    Grant.topic(Topic.MONITOR_EVENTS, WRITE),
                    Grant.topic(Topic.POLICY_INPUTS, READ, WRITE),
                    Grant.topic(Topic.ALERTS, WRITE),
                    Grant.topic(Topic.MAINTENANCE_WINDOWS, READ),
                    Grant.topic(Topic.DETECTOR_PULSE, READ, WRITE),
                    // Changelogs are Kafka Streams' own topics, named after the application id and created by it;
                    // DELETE lets it purge repartition topics.
                    new Grant(ResourceType.TOPIC, PROCESSOR_APPLICATION_ID + "-", PatternType.PREFIXED,
                            Set.of(CREATE, READ, WRITE, DELETE, DESCRIBE_CONFIGS)),
                    Grant.group(PROCESSOR_APPLICATION_ID),
                    new Grant(ResourceType.TRANSACTIONAL_ID, PROCESSOR_APPLICATION_ID, PatternType.PREFIXED,
                            Set.of(WRITE, DESCRIBE)));
            case DISPATCHER -> List.of(
                    Grant.topic(Topic.ALERTS, READ),
                    Grant.topic(Topic.CHANNELS, READ),
                    Grant.topic(Topic.NOTIFICATION_RETRIES, READ, WRITE),
                    Grant.topic(Topic.NOTIFICATION_DEAD_LETTERS, WRITE),
                    Grant.topic(Topic.NOTIFICATION_LOG, READ, WRITE),
                    Grant.group(DISPATCHER_EVENTS_GROUP),
                    Grant.group(DISPATCHER_RETRIES_GROUP));
        };
    }
}
