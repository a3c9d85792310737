package io.pushmon.system.deploy;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.crdgenerator.annotations.PresentInVersions;

/**
 * deploy/ rendered and bound to typed models: fabric8's for Kubernetes, Strimzi's for its resources. Binding is
 * strict: the models' catch-all "additional properties" are switched off, so an unknown or misspelt field fails,
 * and so do a number or boolean where the API wants a string. Only the apiVersion/kind pairs in {@link #KINDS}
 * are accepted. Strimzi's model classes (0.51, the newest that runs on Java 17) serve v1beta2 and v1 together, so
 * every Strimzi property used is also checked against the API versions the model marks it with: deploy/ targets
 * Strimzi 1.0, which serves v1 only.
 */
final class Manifests {

    static final Path ROOT = Paths.get(System.getProperty("pushmon.root", "..")).toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final List<String> OVERLAYS = List.of("local", "production");

    /** The allow-list: every apiVersion and kind deploy/ may use, and the model each binds to. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    /** Strimzi's API versions, oldest first, as its {@code @PresentInVersions} ranges name them. */
    private static final List<String> STRIMZI_VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");
    private static final String TARGET_VERSION = "v1";

    static final ObjectMapper STRICT = strictMapper();

    private Manifests() {
    }

    /** An overlay rendered and bound. */
    static List<HasMetadata> overlay(String name) {
        return bind(Kustomize.render(DEPLOY.resolve("overlays").resolve(name)));
    }

    static List<HasMetadata> bind(List<ObjectNode> documents) {
        List<HasMetadata> bound = new ArrayList<>();
        for (ObjectNode document : documents) {
            bound.add(bind(document));
        }
        return bound;
    }

    static HasMetadata bind(ObjectNode document) {
        String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        String where = key + " " + document.at("/metadata/name").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException(where + ": apiVersion and kind are not in the allow-list");
        }
        HasMetadata resource;
        try {
            resource = STRICT.treeToValue(document, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " does not bind to " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        if (resource.getClass().getName().startsWith("io.strimzi.")) {
            requireInTargetVersion(resource, document, where);
        }
        return resource;
    }

    static <T> Stream<T> all(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast);
    }

    static <T extends HasMetadata> T one(List<HasMetadata> resources, Class<T> type, String name) {
        return all(resources, type).filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    private static ObjectMapper strictMapper() {
        SimpleModule noCatchAll = new SimpleModule();
        noCatchAll.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                // Both models keep unknown fields in a map (@JsonAnySetter) instead of failing on them.
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }
        });
        JsonMapper mapper = JsonMapper.builder().addModule(noCatchAll)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
        // The API server refuses 8080 where it wants "8080" (an env value, an annotation): so does this mapper.
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * Walks the document and the object it bound to side by side and fails on a property whose
     * {@code @PresentInVersions} range leaves out v1 (e.g. KafkaUser's {@code operation}, replaced by
     * {@code operations}); the bound object's runtime classes resolve the polymorphic parts (listener
     * authentication, storage).
     */
    private static void requireInTargetVersion(Object bound, JsonNode node, String path) {
        if (bound == null || node == null) {
            return;
        }
        if (bound instanceof List<?> list && node.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                requireInTargetVersion(list.get(i), node.get(i), path + "[" + i + "]");
            }
            return;
        }
        Class<?> type = bound.getClass();
        if (!type.getName().startsWith("io.strimzi.") || !node.isObject()) {
            return;
        }
        requirePresent(type, path);
        BeanDescription description = STRICT.getSerializationConfig().introspect(STRICT.constructType(type));
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            BeanPropertyDefinition property = description.findProperties().stream()
                    .filter(p -> p.getName().equals(name)).findFirst().orElse(null);
            if (property == null) {
                continue;
            }
            for (AnnotatedMember member : Stream.of(property.getGetter(), property.getSetter(), property.getField())
                    .filter(m -> m != null).toList()) {
                requirePresent(member.getAnnotated(), path + "." + name);
            }
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null) {
                requireInTargetVersion(accessor.getValue(bound), node.get(name), path + "." + name);
            }
        }
    }

    private static void requirePresent(AnnotatedElement element, String path) {
        PresentInVersions versions = element.getAnnotation(PresentInVersions.class);
        if (versions != null && !includesTarget(versions.value())) {
            throw new IllegalArgumentException(path + " exists only in Strimzi API versions " + versions.value()
                    + ", not in " + TARGET_VERSION);
        }
    }

    /** Ranges as Strimzi writes them: {@code v1+}, {@code v1alpha1-v1beta2}, {@code v1beta2}, comma-separated. */
    static boolean includesTarget(String ranges) {
        int target = STRIMZI_VERSIONS.indexOf(TARGET_VERSION);
        for (String range : ranges.split(",")) {
            String r = range.strip();
            if (r.endsWith("+") && index(r.substring(0, r.length() - 1)) <= target) {
                return true;
            }
            if (r.contains("-") && index(r.substring(0, r.indexOf('-'))) <= target
                    && target <= index(r.substring(r.indexOf('-') + 1))) {
                return true;
            }
            if (r.equals(TARGET_VERSION)) {
                return true;
            }
        }
        return false;
    }

    private static int index(String version) {
        int index = STRIMZI_VERSIONS.indexOf(version);
        if (index < 0) {
            throw new IllegalArgumentException("unknown Strimzi API version " + version);
        }
        return index;
    }
}
