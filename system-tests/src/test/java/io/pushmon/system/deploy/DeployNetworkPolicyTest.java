package io.pushmon.system.deploy;

import static io.pushmon.system.deploy.Manifests.all;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;

/**
 * The production overlay's NetworkPolicies evaluated as Kubernetes does: a connection is allowed when the source's
 * egress and the destination's ingress both allow it, each side being open while no policy of that type selects
 * the pod, else open exactly as far as the selecting policies' rules together allow. Pods in other namespaces and
 * addresses outside the cluster are modelled as the peers the policies name; the Kafka brokers' ingress is what
 * Strimzi's generated policy allows (the listener's networkPolicyPeers).
 */
class DeployNetworkPolicyTest {

    private static final String NAMESPACE = "pushmon";
    private static final List<HasMetadata> RESOURCES = Manifests.overlay("production");

    /** A pod or an address outside the cluster; pods get addresses in the cluster's pod range. */
    record Endpoint(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports,
            String ip) {

        boolean inPushmon() {
            return NAMESPACE.equals(namespace);
        }
    }

    private static final Endpoint GATEWAY = workload("ingest-gateway", "10.244.0.11");
    private static final Endpoint PROCESSOR = workload("liveness-processor", "10.244.0.12");
    private static final Endpoint DISPATCHER = workload("alert-dispatcher", "10.244.0.13");
    private static final Endpoint BROKER = new Endpoint("kafka broker", NAMESPACE, Map.of("strimzi.io/cluster",
            "pushmon", "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true", "strimzi.io/controller-role",
            "true"), Map.of(), "10.244.0.20");
    private static final Endpoint EXPORTER = new Endpoint("kafka exporter", NAMESPACE, Map.of("strimzi.io/cluster",
            "pushmon", "strimzi.io/kind", "Kafka", "strimzi.io/name", "pushmon-kafka-exporter"), Map.of(),
            "10.244.0.21");
    private static final Endpoint INGRESS = new Endpoint("ingress controller", "ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of(), "10.244.1.5");
    private static final Endpoint PROMETHEUS = new Endpoint("prometheus", "monitoring",
            Map.of("app.kubernetes.io/name", "prometheus"), Map.of(), "10.244.1.6");
    private static final Endpoint DNS = new Endpoint("cluster DNS", "kube-system", Map.of("k8s-app", "kube-dns"),
            Map.of(), "10.244.1.2");
    private static final Endpoint OTHER_POD = new Endpoint("a pod in namespace default", "default",
            Map.of("app.kubernetes.io/name", "ingest-gateway"), Map.of(), "10.244.2.9");
    private static final Endpoint INTERNET = outside("a public address", "93.184.215.14");
    private static final Endpoint PRIVATE_10 = outside("10.0.0.0/8", "10.1.2.3");
    private static final Endpoint PRIVATE_172 = outside("172.16.0.0/12", "172.20.0.1");
    private static final Endpoint PRIVATE_192 = outside("192.168.0.0/16", "192.168.1.10");
    private static final Endpoint METADATA = outside("the cloud metadata endpoint", "169.254.169.254");

    static Stream<Arguments> allowed() {
        Stream.Builder<Arguments> edges = Stream.builder();
        edges.add(edge(INGRESS, GATEWAY, 8080));
        edges.add(edge(PROMETHEUS, GATEWAY, 9000));
        edges.add(edge(PROMETHEUS, PROCESSOR, 8081));
        edges.add(edge(PROMETHEUS, DISPATCHER, 8082));
        edges.add(edge(PROMETHEUS, EXPORTER, 9404));
        edges.add(edge(GATEWAY, PROCESSOR, 8081));
        edges.add(edge(GATEWAY, DISPATCHER, 8082));
        edges.add(edge(PROCESSOR, PROCESSOR, 8081));
        for (Endpoint service : List.of(GATEWAY, PROCESSOR, DISPATCHER)) {
            edges.add(edge(service, BROKER, 9093));
            edges.add(edge(service, DNS, 53, "UDP"));
            edges.add(edge(service, DNS, 53, "TCP"));
        }
        edges.add(edge(DISPATCHER, INTERNET, 443));
        edges.add(edge(DISPATCHER, INTERNET, 8443));
        edges.add(edge(DISPATCHER, INTERNET, 587));
        edges.add(edge(GATEWAY, INTERNET, 587));
        return edges.build();
    }

    static Stream<Arguments> denied() {
        Stream.Builder<Arguments> edges = Stream.builder();
        edges.add(edge(INGRESS, GATEWAY, 9000));
        edges.add(edge(INGRESS, PROCESSOR, 8081));
        edges.add(edge(INGRESS, DISPATCHER, 8082));
        edges.add(edge(OTHER_POD, GATEWAY, 8080));
        edges.add(edge(OTHER_POD, PROCESSOR, 8081));
        edges.add(edge(OTHER_POD, BROKER, 9093));
        edges.add(edge(PROMETHEUS, GATEWAY, 8080));
        edges.add(edge(DISPATCHER, PROCESSOR, 8081));
        edges.add(edge(DISPATCHER, GATEWAY, 8080));
        edges.add(edge(PROCESSOR, GATEWAY, 8080));
        edges.add(edge(PROCESSOR, DISPATCHER, 8082));
        edges.add(edge(GATEWAY, GATEWAY, 8080));
        edges.add(edge(DISPATCHER, DISPATCHER, 8082));
        edges.add(edge(GATEWAY, INTERNET, 443));
        edges.add(edge(PROCESSOR, INTERNET, 443));
        edges.add(edge(GATEWAY, BROKER, 9091));
        edges.add(edge(GATEWAY, BROKER, 9092));
        edges.add(edge(GATEWAY, EXPORTER, 9404));
        edges.add(edge(GATEWAY, DNS, 8080));
        for (Endpoint blocked : List.of(PRIVATE_10, PRIVATE_172, PRIVATE_192, METADATA)) {
            edges.add(edge(DISPATCHER, blocked, 443));
            edges.add(edge(DISPATCHER, blocked, 80));
            edges.add(edge(GATEWAY, blocked, 587));
        }
        return edges.build();
    }

    @ParameterizedTest(name = "{0} may connect")
    @MethodSource("allowed")
    void anEdgeOfTheGraphIsAllowed(String edge, Endpoint from, Endpoint to, int port, String protocol) {
        assertThat(allows(from, to, port, protocol)).as(edge).isTrue();
    }

    @ParameterizedTest(name = "{0} may not connect")
    @MethodSource("denied")
    void aConnectionOutsideTheGraphIsDenied(String edge, Endpoint from, Endpoint to, int port, String protocol) {
        assertThat(allows(from, to, port, protocol)).as(edge).isFalse();
    }

    @Test
    void everyPodInTheNamespaceIsUnderADefaultDenyForIngress() {
        for (Endpoint pod : List.of(GATEWAY, PROCESSOR, DISPATCHER, BROKER, EXPORTER)) {
            assertThat(policies(pod, "Ingress")).as(pod.name()).isNotEmpty();
        }
        for (Endpoint pod : List.of(GATEWAY, PROCESSOR, DISPATCHER)) {
            assertThat(policies(pod, "Egress")).as(pod.name()).isNotEmpty();
        }
    }

    private static boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        boolean egress = !from.inPushmon() || allowedBy(policies(from, "Egress"), to, port, protocol, true, to);
        boolean ingress = !to.inPushmon() || allowedBy(policies(to, "Ingress"), from, port, protocol, false, to)
                || to == BROKER && kafkaListenerAllows(from, port);
        return egress && ingress;
    }

    /** The policies of a type that select the pod; none means that direction is open. */
    private static List<NetworkPolicy> policies(Endpoint pod, String type) {
        return all(RESOURCES, NetworkPolicy.class).filter(p -> p.getSpec().getPolicyTypes().contains(type))
                .filter(p -> selects(p.getSpec().getPodSelector(), pod.labels())).toList();
    }

    /** Named ports are looked up on the destination pod. */
    private static boolean allowedBy(List<NetworkPolicy> policies, Endpoint peer, int port, String protocol,
            boolean egress, Endpoint destination) {
        if (policies.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : policies) {
            var rules = egress ? policy.getSpec().getEgress().stream().map(r -> Map.entry(r.getTo(), r.getPorts()))
                    : policy.getSpec().getIngress().stream().map(r -> Map.entry(r.getFrom(), r.getPorts()));
            for (var rule : rules.toList()) {
                boolean peerMatches = rule.getKey().isEmpty() || rule.getKey().stream().anyMatch(p -> matches(p, peer));
                boolean portMatches = rule.getValue().isEmpty() || rule.getValue().stream().anyMatch(p -> matches(p,
                        port, protocol, destination));
                if (peerMatches && portMatches) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(NetworkPolicyPeer peer, Endpoint endpoint) {
        if (peer.getIpBlock() != null) {
            return inBlock(peer.getIpBlock(), endpoint.ip());
        }
        if (endpoint.namespace() == null) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null ? endpoint.inPushmon()
                : selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", endpoint.namespace()));
        return namespaceMatches && (peer.getPodSelector() == null || selects(peer.getPodSelector(), endpoint.labels()));
    }

    private static boolean matches(NetworkPolicyPort rule, int port, String protocol, Endpoint destination) {
        if (!(rule.getProtocol() == null ? "TCP" : rule.getProtocol()).equals(protocol)) {
            return false;
        }
        IntOrString wanted = rule.getPort();
        if (wanted == null) {
            return true;
        }
        Integer number = wanted.getIntVal() != null ? wanted.getIntVal()
                : destination == null ? null : destination.ports().get(wanted.getStrVal());
        if (number == null) {
            return false;
        }
        return rule.getEndPort() == null ? number == port : number <= port && port <= rule.getEndPort();
    }

    /** Strimzi's policy for the brokers: each listener's port from its networkPolicyPeers, nothing else. */
    private static boolean kafkaListenerAllows(Endpoint from, int port) {
        Kafka kafka = all(RESOURCES, Kafka.class).findFirst().orElseThrow();
        for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
            if (listener.getPort() == port) {
                return listener.getNetworkPolicyPeers() == null || listener.getNetworkPolicyPeers().stream()
                        .anyMatch(p -> matches(p, from));
            }
        }
        return false;
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inBlock(IPBlock block, String ip) {
        return inCidr(block.getCidr(), ip) && block.getExcept().stream().noneMatch(except -> inCidr(except, ip));
    }

    private static boolean inCidr(String cidr, String ip) {
        try {
            int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
            BigInteger network = new BigInteger(1, InetAddress.getByName(cidr.substring(0, cidr.indexOf('/')))
                    .getAddress());
            BigInteger address = new BigInteger(1, InetAddress.getByName(ip).getAddress());
            return bits == 0 || network.shiftRight(32 - bits).equals(address.shiftRight(32 - bits));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Endpoint workload(String name, String ip) {
        var template = all(RESOURCES, Deployment.class).filter(d -> d.getMetadata().getName().equals(name))
                .map(d -> d.getSpec().getTemplate()).findFirst().orElseGet(() -> all(RESOURCES, StatefulSet.class)
                        .filter(s -> s.getMetadata().getName().equals(name)).map(s -> s.getSpec().getTemplate())
                        .findFirst().orElseThrow());
        Container container = template.getSpec().getContainers().get(0);
        Map<String, Integer> ports = new java.util.HashMap<>();
        container.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        return new Endpoint(name, NAMESPACE, template.getMetadata().getLabels(), ports, ip);
    }

    private static Endpoint outside(String name, String ip) {
        return new Endpoint(name, null, Map.of(), Map.of(), ip);
    }

    private static Arguments edge(Endpoint from, Endpoint to, int port) {
        return edge(from, to, port, "TCP");
    }

    private static Arguments edge(Endpoint from, Endpoint to, int port, String protocol) {
        return Arguments.of(from.name() + " to " + to.name() + " on " + protocol + " " + port, from, to, port,
                protocol);
    }
}
