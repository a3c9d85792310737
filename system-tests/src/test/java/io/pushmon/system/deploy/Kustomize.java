package io.pushmon.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.zjsonpatch.JsonPatch;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features deploy/ uses and no others:
 * {@code resources} (files and directories with a kustomization), {@code namespace}, {@code images} (newName,
 * newTag, digest) and {@code patches} in JSON 6902 form with a target of group, version, kind and name. Anything
 * else in a kustomization is refused, so a feature the real tool would apply can never be silently skipped here.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build());

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "patches");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target");
    private static final Set<String> TARGET_FIELDS = Set.of("group", "version", "kind", "name");
    /** Kustomize matches target names and kinds as regular expressions; only plain names are supported here. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    /** The documents of the kustomization in {@code dir}, in the order its resources list them. */
    static List<ObjectNode> render(Path dir) {
        JsonNode kustomization = read(dir.resolve("kustomization.yaml")).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new UnsupportedOperationException(dir + ": kustomization field '" + field
                        + "' is not supported by this renderer");
            }
        });
        if (!"kustomize.config.k8s.io/v1beta1".equals(kustomization.path("apiVersion").asText())
                || !"Kustomization".equals(kustomization.path("kind").asText())) {
            throw new IllegalArgumentException(dir + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        List<ObjectNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                documents.addAll(render(path));
            } else {
                read(path).forEach(document -> documents.add((ObjectNode) document));
            }
        }
        requireUniqueIds(dir, documents);
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, patch, documents);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            documents.stream().filter(d -> !CLUSTER_SCOPED.contains(d.path("kind").asText()))
                    .forEach(d -> ((ObjectNode) d.get("metadata")).put("namespace", namespace));
        }
        for (JsonNode image : kustomization.path("images")) {
            setImage(dir, image, documents);
        }
        return documents;
    }

    private static void requireUniqueIds(Path dir, List<ObjectNode> documents) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode document : documents) {
            String id = document.path("apiVersion").asText() + " " + document.path("kind").asText() + " "
                    + document.at("/metadata/name").asText();
            if (!ids.add(id)) {
                throw new IllegalArgumentException(dir + ": " + id + " is defined twice");
            }
        }
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> documents) {
        requireOnly(dir, "patch", patch, PATCH_FIELDS);
        JsonNode operations = parse(patch.has("path") ? readString(dir.resolve(patch.get("path").asText()))
                : patch.path("patch").asText());
        if (!operations.isArray()) {
            throw new UnsupportedOperationException(dir + ": only JSON 6902 patches (a list of operations) are "
                    + "supported by this renderer, not strategic merge patches");
        }
        JsonNode target = patch.get("target");
        if (target == null) {
            throw new UnsupportedOperationException(dir + ": a JSON 6902 patch needs a target");
        }
        requireOnly(dir, "patch target", target, TARGET_FIELDS);
        target.fields().forEachRemaining(field -> {
            if (!PLAIN.matcher(field.getValue().asText()).matches()) {
                throw new UnsupportedOperationException(dir + ": target " + field.getKey() + " '"
                        + field.getValue().asText() + "' is a pattern; only plain names are supported");
            }
        });
        boolean matched = false;
        for (int i = 0; i < documents.size(); i++) {
            if (matches(target, documents.get(i))) {
                documents.set(i, (ObjectNode) JsonPatch.apply(operations, documents.get(i)));
                matched = true;
            }
        }
        if (!matched) {
            throw new IllegalArgumentException(dir + ": patch target " + target + " matches no resource");
        }
    }

    private static boolean matches(JsonNode target, JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version))
                && (!target.has("kind") || target.get("kind").asText().equals(document.path("kind").asText()))
                && (!target.has("name") || target.get("name").asText().equals(document.at("/metadata/name").asText()));
    }

    /** Kustomize's image transformer: containers whose image has this name (any tag or digest) get the new one. */
    private static void setImage(Path dir, JsonNode image, List<ObjectNode> documents) {
        requireOnly(dir, "image", image, IMAGE_FIELDS);
        String name = image.path("name").asText();
        if (image.has("newTag") && image.has("digest")) {
            throw new IllegalArgumentException(dir + ": image " + name + " has both newTag and digest");
        }
        int replaced = 0;
        for (ObjectNode document : documents) {
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode container : document.at("/spec/template/spec/" + list)) {
                    String current = container.path("image").asText();
                    if (!imageName(current).equals(name)) {
                        continue;
                    }
                    String newName = image.path("newName").asText(imageName(current));
                    String reference = image.has("digest") ? newName + "@" + image.get("digest").asText()
                            : image.has("newTag") ? newName + ":" + image.get("newTag").asText()
                            : newName + current.substring(imageName(current).length());
                    ((ObjectNode) container).put("image", reference);
                    replaced++;
                }
            }
        }
        if (replaced == 0) {
            throw new IllegalArgumentException(dir + ": image " + name + " is used by no container");
        }
    }

    /** The image reference without its tag or digest (a registry port is not a tag). */
    static String imageName(String reference) {
        String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    private static void requireOnly(Path dir, String what, JsonNode node, Set<String> allowed) {
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                throw new UnsupportedOperationException(dir + ": " + what + " field '" + field
                        + "' is not supported by this renderer");
            }
        }
    }

    /** Every YAML document of a file, each an object; empty documents (a trailing ---) are skipped. */
    static List<JsonNode> read(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(file + ": a document is not a Kubernetes object");
                }
                all.add(document);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** One YAML document; a top-level list stays a list (readValues would iterate its elements). */
    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
