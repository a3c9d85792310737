package io.pushmon.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** deploy/ renders and binds strictly, and the renderer and the binding refuse what they cannot vouch for. */
class DeployManifestsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyDocumentOfAnOverlayBindsToItsTypedModel(String overlay) {
        List<HasMetadata> resources = Manifests.overlay(overlay);
        assertThat(resources).hasSizeGreaterThan(30);
        assertThat(resources).filteredOn(r -> !(r instanceof Namespace))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("pushmon"));
    }

    @Test
    void aMisspeltFieldFails() throws IOException {
        write("kustomization.yaml", kustomization("resources: [deployment.yaml]"));
        write("deployment.yaml", deployment("imagePulPolicy"));
        assertThatThrownBy(() -> Manifests.bind(Kustomize.render(dir))).hasMessageContaining("imagePulPolicy");
    }

    @Test
    void theSameDocumentWithoutTheTypoBinds() throws IOException {
        write("kustomization.yaml", kustomization("resources: [deployment.yaml]"));
        write("deployment.yaml", deployment("imagePullPolicy"));
        assertThat(Manifests.bind(Kustomize.render(dir))).singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void aNumberWhereTheApiWantsAStringFails() {
        assertThatThrownBy(() -> Manifests.bind(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x}
                data: {PORT: 8080}
                """))).hasMessageContaining("ConfigMap x");
    }

    @Test
    void anApiVersionOutsideTheAllowListFails() {
        assertThatThrownBy(() -> Manifests.bind(yaml("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: x}
                spec: {partitions: 1, replicas: 1}
                """))).hasMessageContaining("not in the allow-list");
    }

    @Test
    void aStrimziFieldThatV1NoLongerHasFails() {
        // operation (one) was replaced by operations (a list); the 0.51 model still accepts both.
        assertThatThrownBy(() -> Manifests.bind(yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: x}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operation: Read
                """))).hasMessageContaining("spec.authorization.acls[0].operation exists only in Strimzi API "
                        + "versions v1alpha1-v1beta2");
    }

    @Test
    void strimziVersionRangesAreReadAsStrimziWritesThem() {
        assertThat(Manifests.includesTarget("v1+")).isTrue();
        assertThat(Manifests.includesTarget("v1beta2+")).isTrue();
        assertThat(Manifests.includesTarget("v1alpha1-v1beta2")).isFalse();
        assertThat(Manifests.includesTarget("v1beta1-v1")).isTrue();
        assertThat(Manifests.includesTarget("v1beta2")).isFalse();
    }

    @Test
    void theRendererRefusesAKustomizeFieldItDoesNotImplement() throws IOException {
        write("kustomization.yaml", kustomization("resources: []\ncommonLabels: {app: x}"));
        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'commonLabels' is not supported");
    }

    @Test
    void theRendererRefusesAStrategicMergePatch() throws IOException {
        write("kustomization.yaml", kustomization("resources: []\npatches:\n  - path: p.yaml\n"
                + "    target: {kind: Deployment}"));
        write("p.yaml", "spec: {replicas: 1}\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("only JSON 6902 patches");
    }

    @Test
    void theRendererRefusesPatternTargetsAndSelectors() throws IOException {
        write("kustomization.yaml", kustomization("resources: []\npatches:\n  - path: p.yaml\n"
                + "    target: {kind: Deployment, name: \"gate.*\"}"));
        write("p.yaml", "- {op: remove, path: /spec/replicas}\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("is a pattern");

        write("kustomization.yaml", kustomization("resources: []\npatches:\n  - path: p.yaml\n"
                + "    target: {kind: Deployment, labelSelector: \"app=x\"}"));
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("'labelSelector' is not supported");
    }

    @Test
    void aPatchOrImageThatMatchesNothingFails() throws IOException {
        write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n");
        write("p.yaml", "- {op: replace, path: /data/k, value: w}\n");
        write("kustomization.yaml", kustomization("resources: [cm.yaml]\npatches:\n  - path: p.yaml\n"
                + "    target: {kind: ConfigMap, name: b}"));
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches no resource");

        write("kustomization.yaml", kustomization("resources: [cm.yaml]\nimages:\n  - {name: nope, newTag: x}"));
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("used by no container");
    }

    @Test
    void patchesNamespaceAndImagesAreApplied() throws IOException {
        write("d.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers: [{name: x, image: "placeholder-x"}]
                """);
        write("p.yaml", "- {op: add, path: /spec/minReadySeconds, value: 5}\n");
        write("kustomization.yaml", kustomization("""
                namespace: ns
                resources: [d.yaml]
                images:
                  - {name: placeholder-x, newName: "registry.example.com:5000/x", digest: "sha256:abc"}
                patches:
                  - path: p.yaml
                    target: {group: apps, version: v1, kind: Deployment, name: x}"""));
        ObjectNode rendered = Kustomize.render(dir).get(0);
        assertThat(rendered.at("/metadata/namespace").asText()).isEqualTo("ns");
        assertThat(rendered.at("/spec/minReadySeconds").asInt()).isEqualTo(5);
        assertThat(rendered.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com:5000/x@sha256:abc");
        assertThat(Kustomize.imageName("registry.example.com:5000/x:1.2")).isEqualTo("registry.example.com:5000/x");
    }

    private static String kustomization(String body) {
        return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + body + "\n";
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Kustomize.YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A minimal Deployment whose container sets its pull policy under the given field name. */
    private static String deployment(String pullPolicyField) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - {name: x, image: example.com/x:1, %s: Always}
                """.formatted(pullPolicyField);
    }
}
