package io.pushmon.system.deploy;

import static io.pushmon.system.deploy.Manifests.all;
import static io.pushmon.system.deploy.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.ConfigProperties;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

/**
 * deploy/ checked against the code: environment, ports, probes, selectors, topics, users, memory and the
 * restricted pod security fields, for each overlay. Needs the service modules packaged (they precede this module in
 * the reactor): the properties a module reads come from its classes and libraries.
 */
class DeployCrossChecksTest {

    /** Each workload's container and module name, with the KafkaUser it authenticates as. */
    private static final Map<String, KafkaAccess.Service> MODULES = Map.of("ingest-gateway",
            KafkaAccess.Service.GATEWAY, "liveness-processor", KafkaAccess.Service.PROCESSOR, "alert-dispatcher",
            KafkaAccess.Service.DISPATCHER);
    /** Read by the image's run-java.sh, not by the application: it sets -XX:MaxRAMPercentage. */
    private static final Set<String> IMAGE_ENV = Set.of("JAVA_MAX_MEM_RATIO");
    /** run-java.sh's heap percentage when JAVA_MAX_MEM_RATIO is not set. */
    private static final int IMAGE_DEFAULT_HEAP_PERCENT = 80;
    /** What a JVM needs beside heap and RocksDB: metaspace, code cache, thread stacks, direct buffers. */
    private static final long JVM_HEADROOM = 384L << 20;
    /**
     * Keys of the Secrets deploy/README.md creates, which envFrom imports whole. Checked against the README, so a
     * key the runbook does not create cannot be expected here.
     */
    private static final Map<String, Set<String>> SECRET_KEYS = Map.of("pushmon-gateway-keys",
            Set.of("PUSHMON_API_KEY", "PUSHMON_TENANCY_OPERATOR_KEY", "PUSHMON_ACCOUNTS_SESSION_SECRET"));

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyEnvironmentVariableIsAPropertyItsModuleReads(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (Container container : containers(resources)) {
            Set<String> read = ConfigProperties.of(Manifests.ROOT.resolve(container.getName())).stream()
                    .map(ConfigProperties::envName).collect(Collectors.toSet());
            environment(resources, container).keySet().stream()
                    .filter(env -> !read.contains(env) && !IMAGE_ENV.contains(env))
                    .forEach(env -> unknown.computeIfAbsent(container.getName(), k -> new TreeSet<>()).add(env));
        }
        assertThat(unknown).as("environment variables no configuration property of the module matches").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theSecretsEnvFromImportsAreTheOnesTheRunbookCreates(String overlay) throws IOException {
        String runbook = Files.readString(Manifests.DEPLOY.resolve("README.md"));
        SECRET_KEYS.forEach((secret, keys) -> {
            assertThat(runbook).contains("create secret generic " + secret);
            keys.forEach(key -> assertThat(runbook).contains("--from-literal=" + key + "="));
        });
        for (Container container : containers(Manifests.overlay(overlay))) {
            container.getEnvFrom().stream().filter(e -> e.getSecretRef() != null)
                    .forEach(e -> assertThat(SECRET_KEYS).containsKey(e.getSecretRef().getName()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceConnectsToTheTlsListenerAsItsOwnKafkaUser(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        Kafka kafka = all(resources, Kafka.class).findFirst().orElseThrow();
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream()
                .filter(GenericKafkaListener::isTls).findFirst().orElseThrow();
        assertThat(kafka.getSpec().getKafka().getListeners()).as("no plaintext listener").allMatch(
                GenericKafkaListener::isTls);
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        String cluster = kafka.getMetadata().getName();
        for (Container container : containers(resources)) {
            Map<String, String> env = environment(resources, container);
            assertThat(env).as(container.getName()).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
                    cluster + "-kafka-bootstrap:" + listener.getPort())
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                    .containsEntry("PUSHMON_KAFKA_TOPICS", "verify");
            EnvVar jaas = container.getEnv().stream().filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
                    .findFirst().orElseThrow();
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(MODULES.get(container.getName()).userName());
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");

            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            PodSpec pod = podOf(resources, container);
            VolumeMount mount = container.getVolumeMounts().stream()
                    .filter(m -> truststore.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
            Volume volume = volume(pod, mount.getName());
            assertThat(volume.getSecret().getSecretName()).isEqualTo(cluster + "-cluster-ca-cert");
            assertThat(truststore.substring(mount.getMountPath().length() + 1)).isEqualTo("ca.crt");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void portsAndProbesAreTheOnesEachModuleServes(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        for (Container container : containers(resources)) {
            Properties properties = ConfigProperties.applicationProperties(Manifests.ROOT.resolve(container.getName()));
            int http = Integer.parseInt(properties.getProperty("quarkus.http.port"));
            int management = ConfigProperties.managementPort(properties);
            Map<String, String> env = environment(resources, container);
            String name = container.getName();

            assertThat(port(container, "http")).as(name + " http port").isEqualTo(http);
            assertThat(env.get("QUARKUS_HTTP_PORT")).as(name).isEqualTo(String.valueOf(http));
            if (management != http) {
                assertThat(port(container, "management")).as(name + " management port").isEqualTo(management);
                assertThat(env).as(name).containsEntry("QUARKUS_MANAGEMENT_PORT", String.valueOf(management))
                        .containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
            }
            assertThat(env).as(name).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
            for (HTTPGetAction probe : List.of(container.getReadinessProbe().getHttpGet(),
                    container.getLivenessProbe().getHttpGet())) {
                assertThat(probe.getPath()).isIn("/q/health/ready", "/q/health/live");
                assertThat(resolve(container, probe.getPort())).as(name + " probe port").isEqualTo(management);
            }
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");

            Map<String, String> annotations = template(resources, container).getMetadata().getAnnotations();
            assertThat(annotations).as(name + " scrape annotations").containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(management))
                    .containsEntry("prometheus.io/path", "/q/metrics");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void servicesSelectPodsAndTargetPortsTheyHaveButNeverTheManagementPort(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        for (Service service : all(resources, Service.class).toList()) {
            List<Container> selected = containers(resources).stream()
                    .filter(c -> matches(service.getSpec().getSelector(), template(resources, c).getMetadata()
                            .getLabels())).toList();
            assertThat(selected).as(service.getMetadata().getName() + " selects one workload").hasSize(1);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(resolve(selected.get(0), port.getTargetPort())).as(service.getMetadata().getName())
                        .isEqualTo(port(selected.get(0), "http"));
            }
        }
        for (Ingress ingress : all(resources, Ingress.class).toList()) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                Service backend = one(resources, Service.class, path.getBackend().getService().getName());
                assertThat(backend.getSpec().getPorts()).extracting(ServicePort::getName)
                        .contains(path.getBackend().getService().getPort().getName());
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void selectorsMatchTheirPodsAndAutoscaledWorkloadsSetNoReplicas(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        all(resources, Deployment.class).forEach(d -> assertThat(matches(d.getSpec().getSelector().getMatchLabels(),
                d.getSpec().getTemplate().getMetadata().getLabels())).as(d.getMetadata().getName()).isTrue());
        all(resources, StatefulSet.class).forEach(s -> assertThat(matches(s.getSpec().getSelector()
                .getMatchLabels(), s.getSpec().getTemplate().getMetadata().getLabels())).isTrue());
        for (HorizontalPodAutoscaler hpa : all(resources, HorizontalPodAutoscaler.class).toList()) {
            Deployment target = one(resources, Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(target.getSpec().getReplicas()).as(target.getMetadata().getName()
                    + ": the autoscaler owns the replica count").isNull();
        }
        assertThat(all(resources, HorizontalPodAutoscaler.class)).hasSize(2);
        for (PodDisruptionBudget pdb : all(resources, PodDisruptionBudget.class).toList()) {
            assertThat(containers(resources)).as(pdb.getMetadata().getName()).anyMatch(c -> matches(
                    pdb.getSpec().getSelector().getMatchLabels(), template(resources, c).getMetadata().getLabels()));
        }
        assertThat(all(resources, PodDisruptionBudget.class)).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theGatewayReachesTheOtherServicesWhereTheyListen(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        Map<String, String> gateway = environment(resources, container(resources, "ingest-gateway"));
        for (String[] url : new String[][] {{"PUSHMON_PROCESSOR_URL", "liveness-processor"},
                {"PUSHMON_DISPATCHER_URL", "alert-dispatcher"}}) {
            URI uri = URI.create(gateway.get(url[0]));
            Service service = one(resources, Service.class, uri.getHost());
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).contains(uri.getPort());
            assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", url[1]);
        }
        StatefulSet processor = one(resources, StatefulSet.class, "liveness-processor");
        Map<String, String> env = environment(resources, container(resources, "liveness-processor"));
        assertThat(env.get("PUSHMON_PROCESSOR_APPLICATION_SERVER")).isEqualTo("$(PUSHMON_PROCESSOR_INSTANCE_ID)."
                + processor.getSpec().getServiceName() + ":" + port(container(resources, "liveness-processor"), "http"));
        assertThat(one(resources, Service.class, processor.getSpec().getServiceName()).getSpec().getClusterIP())
                .isEqualTo("None");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theProcessorKeepsStateOnItsVolumeWithStandbysPlacedByNode(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        StatefulSet processor = one(resources, StatefulSet.class, "liveness-processor");
        Container container = container(resources, "liveness-processor");
        Map<String, String> env = environment(resources, container);
        PodSpec pod = processor.getSpec().getTemplate().getSpec();

        String stateDir = env.get("PUSHMON_PROCESSOR_STATE_DIR");
        VolumeMount state = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(stateDir))
                .findFirst().orElseThrow();
        assertThat(processor.getSpec().getVolumeClaimTemplates()).anyMatch(c -> c.getMetadata().getName()
                .equals(state.getName()));
        assertThat(pod.getSecurityContext().getFsGroup()).as("the volume is writable for the image's user")
                .isEqualTo(pod.getSecurityContext().getRunAsUser());
        assertThat(Integer.parseInt(env.get("PUSHMON_PROCESSOR_STANDBY_REPLICAS"))).isPositive();
        assertThat(processor.getSpec().getReplicas()).isGreaterThan(1);
        assertThat(fieldRef(container, "PUSHMON_PROCESSOR_RACK")).isEqualTo("spec.nodeName");
        assertThat(fieldRef(container, "PUSHMON_PROCESSOR_INSTANCE_ID")).isEqualTo("metadata.name");
        if (overlay.equals("production")) {
            assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                    .singleElement().satisfies(term -> {
                        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                        assertThat(term.getLabelSelector().getMatchLabels())
                                .isEqualTo(processor.getSpec().getSelector().getMatchLabels());
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void heapRocksDbAndHeadroomFitTheMemoryLimit(String overlay) throws IOException {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        for (Container container : containers(resources)) {
            String dockerfile = Files.readString(Manifests.ROOT.resolve(container.getName())
                    .resolve("src/main/docker/Dockerfile.jvm"));
            // The heap rule below is that of this base image's run-java.sh.
            assertThat(dockerfile).contains("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime");
            Map<String, String> env = environment(resources, container);
            long limit = Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValue();
            int percent = Integer.parseInt(env.getOrDefault("JAVA_MAX_MEM_RATIO",
                    String.valueOf(IMAGE_DEFAULT_HEAP_PERCENT)));
            long heap = limit * percent / 100;
            long rocksDb = env.containsKey("PUSHMON_PROCESSOR_ROCKSDB_MEMORY")
                    ? memorySize(env.get("PUSHMON_PROCESSOR_ROCKSDB_MEMORY")) : 0;
            assertThat(heap + rocksDb + JVM_HEADROOM).as(container.getName() + ": heap " + heap + " + RocksDB "
                    + rocksDb + " + headroom " + JVM_HEADROOM + " within the limit " + limit).isLessThanOrEqualTo(limit);
        }
        assertThat(environment(resources, container(resources, "liveness-processor")))
                .containsKey("PUSHMON_PROCESSOR_ROCKSDB_MEMORY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyPodMeetsTheRestrictedPodSecurityStandard(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        Namespace namespace = all(resources, Namespace.class).findFirst().orElseThrow();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
                "restricted");
        for (Container container : containers(resources)) {
            PodSpec pod = podOf(resources, container);
            String name = container.getName();
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.getContainers()).hasSize(1);
            assertThat(pod.getInitContainers()).isEmpty();
            var security = container.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(security.getRunAsNonRoot()).as(name).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).as(name).isEmpty();
            assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
            VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " has no writable /tmp"));
            assertThat(volume(pod, tmp.getName()).getEmptyDir()).as(name + " /tmp").isNotNull();
            assertThat(pod.getVolumes()).as(name + ": no host paths").allMatch(v -> v.getHostPath() == null);
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void imagesNameARegistryAndATagOrDigest(String overlay) {
        for (Container container : containers(Manifests.overlay(overlay))) {
            String image = container.getImage();
            String first = image.substring(0, image.indexOf('/') < 0 ? 0 : image.indexOf('/'));
            assertThat(first).as(image + " names a registry").matches(".*[.:].*|localhost");
            assertThat(image).as(image + " names a tag or digest").matches(".*(:[\\w.-]+|@sha256:[0-9a-f]+)$");
            assertThat(image.substring(image.lastIndexOf('/') + 1)).startsWith(container.getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theKafkaTopicsAreTheTopicConstantsWithTheirConfigs(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        List<KafkaTopic> topics = all(resources, KafkaTopic.class).toList();
        int partitions = Integer.parseInt(one(resources, ConfigMap.class, "pushmon").getData()
                .get("PUSHMON_KAFKA_PARTITIONS"));
        int brokers = all(resources, KafkaNodePool.class).filter(p -> p.getSpec().getRoles()
                .contains(ProcessRoles.BROKER)).mapToInt(p -> p.getSpec().getReplicas()).sum();
        int expectedReplicas = overlay.equals("production") ? 3 : brokers;
        int expectedMinInsync = overlay.equals("production") ? 2 : 1;

        assertThat(topics).extracting(DeployCrossChecksTest::topicName).containsExactlyInAnyOrderElementsOf(
                Topic.all().stream().map(Topic::topicName).toList());
        for (Topic<?, ?> topic : Topic.all()) {
            KafkaTopic resource = topics.stream().filter(t -> topicName(t).equals(topic.topicName())).findFirst()
                    .orElseThrow();
            assertThat(resource.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "pushmon");
            assertThat(resource.getSpec().getPartitions()).as(topic.topicName()).isEqualTo(partitions);
            assertThat(resource.getSpec().getReplicas()).as(topic.topicName()).isEqualTo(expectedReplicas)
                    .isLessThanOrEqualTo(brokers);
            Map<String, String> expected = new HashMap<>(topic.configs());
            expected.put("min.insync.replicas", String.valueOf(expectedMinInsync));
            Map<String, String> actual = resource.getSpec().getConfig().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
            assertThat(actual).as(topic.topicName()).isEqualTo(expected);
        }
        assertThat(one(resources, KafkaTopic.class, "heartbeats").getSpec().getConfig())
                .containsEntry("message.timestamp.type", "LogAppendTime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void eachKafkaUserHasExactlyTheGrantsOfItsService(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        assertThat(all(resources, KafkaUser.class)).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(List.of(KafkaAccess.Service.values()).stream()
                        .map(KafkaAccess.Service::userName).toList());
        for (KafkaAccess.Service service : KafkaAccess.Service.values()) {
            KafkaUser user = one(resources, KafkaUser.class, service.userName());
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            KafkaUserAuthorizationSimple authorization = (KafkaUserAuthorizationSimple) user.getSpec()
                    .getAuthorization();
            Set<KafkaAccess.Grant> granted = authorization.getAcls().stream().map(DeployCrossChecksTest::grant)
                    .collect(Collectors.toSet());
            assertThat(granted).as(service.userName()).isEqualTo(new HashSet<>(service.grants()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theKafkaClusterRunsTheClientsVersionSecuredWithBothOperatorsAndTheExporter(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        Kafka kafka = all(resources, Kafka.class).findFirst().orElseThrow();
        assertThat(kafka.getSpec().getKafka().getVersion()).as("the kafka-clients version")
                .isEqualTo(AppInfoParser.getVersion());
        assertThat(kafka.getSpec().getKafka().getAuthorization().getType()).isEqualTo("simple");
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
        assertThat(kafka.getSpec().getKafkaExporter().getGroupRegex()).isNotBlank();
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false);
        assertThat(all(resources, KafkaNodePool.class)).allSatisfy(pool -> assertThat(pool.getMetadata()
                .getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
    }

    /** Strimzi's rule in KafkaAccess's terms: resource type, name, pattern and operations. */
    private static KafkaAccess.Grant grant(AclRule rule) {
        ResourceType type;
        String name;
        AclResourcePatternType pattern;
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            type = ResourceType.TOPIC;
            name = topic.getName();
            pattern = topic.getPatternType();
        } else if (rule.getResource() instanceof AclRuleGroupResource group) {
            type = ResourceType.GROUP;
            name = group.getName();
            pattern = group.getPatternType();
        } else if (rule.getResource() instanceof AclRuleTransactionalIdResource id) {
            type = ResourceType.TRANSACTIONAL_ID;
            name = id.getName();
            pattern = id.getPatternType();
        } else {
            throw new AssertionError("no pushmon service needs " + rule.getResource().getClass().getSimpleName());
        }
        Set<AclOperation> operations = rule.getOperations().stream()
                .map(o -> AclOperation.fromString(o.toValue().replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        assertThat(operations).doesNotContain(AclOperation.UNKNOWN);
        assertThat(rule.getHost()).isIn(null, "*");
        assertThat(rule.getType()).as("allow rules only").isIn(null, AclRuleType.ALLOW);
        return new KafkaAccess.Grant(type, name, pattern == AclResourcePatternType.PREFIX ? PatternType.PREFIXED
                : PatternType.LITERAL, operations);
    }

    private static String topicName(KafkaTopic topic) {
        return Objects.requireNonNullElse(topic.getSpec().getTopicName(), topic.getMetadata().getName());
    }

    /** The one container of every workload, named after its module. */
    static List<Container> containers(List<HasMetadata> resources) {
        List<Container> containers = new java.util.ArrayList<>();
        all(resources, Deployment.class).forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec()
                .getContainers()));
        all(resources, StatefulSet.class).forEach(s -> containers.addAll(s.getSpec().getTemplate().getSpec()
                .getContainers()));
        assertThat(containers).extracting(Container::getName).containsExactlyInAnyOrderElementsOf(MODULES.keySet());
        return containers;
    }

    private static Container container(List<HasMetadata> resources, String name) {
        return containers(resources).stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static PodTemplateSpec template(List<HasMetadata> resources, Container container) {
        return all(resources, Deployment.class).map(d -> d.getSpec().getTemplate())
                .filter(t -> t.getSpec().getContainers().contains(container)).findFirst()
                .orElseGet(() -> all(resources, StatefulSet.class).map(s -> s.getSpec().getTemplate())
                        .filter(t -> t.getSpec().getContainers().contains(container)).findFirst().orElseThrow());
    }

    private static PodSpec podOf(List<HasMetadata> resources, Container container) {
        return template(resources, container).getSpec();
    }

    /** The container's environment as the kubelet builds it: envFrom ConfigMaps and Secrets, then env. */
    static Map<String, String> environment(List<HasMetadata> resources, Container container) {
        Map<String, String> env = new TreeMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                env.putAll(one(resources, ConfigMap.class, source.getConfigMapRef().getName()).getData());
            } else {
                SECRET_KEYS.getOrDefault(source.getSecretRef().getName(), Set.of())
                        .forEach(key -> env.put(key, "(secret)"));
            }
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "(from " + var.getValueFrom() + ")");
        }
        return env;
    }

    private static String fieldRef(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow()
                .getValueFrom().getFieldRef().getFieldPath();
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .map(ContainerPort::getContainerPort)
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name));
    }

    /** A port given by name or number, as the container declares it. */
    private static int resolve(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).contains(port.getIntVal());
            return port.getIntVal();
        }
        return port(container, port.getStrVal());
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** Quarkus' MemorySize: a number with an optional K, M, G or T suffix, each 1024 times the previous. */
    private static long memorySize(String value) {
        String units = "KMGT";
        char last = Character.toUpperCase(value.charAt(value.length() - 1));
        int power = units.indexOf(last) + 1;
        long number = Long.parseLong(power == 0 ? value : value.substring(0, value.length() - 1));
        return number << (10 * power);
    }
}
