package io.pushmon.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A report as a comparison reads it: each scenario's figures by name, its invariants by target and its settings,
 * from a {@code report.json} of any version of the harness or from a run still in memory.
 *
 * @param source    where it came from, for the comparison's header
 * @param startedAt when the run started, as written
 * @param command   the command line of the run
 * @param load      the 1-minute load average when the run started
 * @param scenarios by name, in the order of the report
 */
public record StoredReport(String source, String startedAt, String command, String load,
        Map<String, StoredReport.Scenario> scenarios) {

    /**
     * One scenario of a report.
     *
     * @param completed  false when the scenario threw before it finished
     * @param settings   each setting as text (a number or list as JSON), so that values of any type compare
     * @param figures    by name; a variant's or a round's label is part of the name ({@code gateway lz4 p99 @200})
     * @param invariants whether each invariant held, by its target text
     */
    public record Scenario(String name, boolean completed, Map<String, String> settings, Map<String, Metric> figures,
            Map<String, Boolean> invariants) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a {@code report.json}, or the one in a report folder; throws {@link IllegalArgumentException} naming the
     * file when it cannot be read or is not a report.
     */
    public static StoredReport read(Path file) {
        Path json = Files.isDirectory(file) ? file.resolve("report.json") : file;
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException(json + ": no such file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(json + ": cannot be read (" + e.getMessage() + ")");
        }
        return of(root, json.toString());
    }

    /** The report of a run just finished, without a round trip through its file. */
    public static StoredReport of(BenchReport report, String source) {
        return of(report.json(), source);
    }

    static StoredReport of(JsonNode root, String source) {
        if (root == null || !root.path("scenarios").isArray()) {
            throw new IllegalArgumentException(source + ": not a pushmon-bench report (no \"scenarios\" list)");
        }
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (JsonNode node : root.get("scenarios")) {
            Scenario scenario = scenario(node, source);
            scenarios.put(scenario.name(), scenario);
        }
        List<String> command = new ArrayList<>();
        root.path("command").forEach(arg -> command.add(arg.asText()));
        String load = root.path("machine").path("loadAverage").asText("").split(" ")[0];
        return new StoredReport(source, root.path("startedAt").asText(""), String.join(" ", command), load,
                Collections.unmodifiableMap(scenarios));
    }

    private static Scenario scenario(JsonNode node, String source) {
        String name = node.path("name").asText("");
        if (name.isEmpty() || !node.path("metrics").isObject()) {
            throw new IllegalArgumentException(source + ": not a pushmon-bench report (a scenario without a name"
                    + " or \"metrics\")");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        node.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        Map<String, Metric> figures = new LinkedHashMap<>();
        node.get("metrics").fields().forEachRemaining(e -> figures.put(e.getKey(),
                new Metric(e.getKey(), value(e.getValue().path("value"), source, name, e.getKey()),
                        e.getValue().path("unit").asText(""))));
        Map<String, Boolean> invariants = new LinkedHashMap<>();
        for (JsonNode check : node.path("checks")) {
            // Reports before Check.Kind marked an invariant with a boolean.
            if (check.path("kind").asText().equals(Check.Kind.INVARIANT.name())
                    || check.path("invariant").asBoolean()) {
                invariants.put(check.path("target").asText(), check.path("met").asBoolean());
            }
        }
        return new Scenario(name, node.path("failure").isNull() || node.path("failure").isMissingNode(),
                Collections.unmodifiableMap(settings), Collections.unmodifiableMap(figures),
                Collections.unmodifiableMap(invariants));
    }

    /** A number, or NaN and the infinities as Jackson quotes them. */
    private static double value(JsonNode value, String source, String scenario, String figure) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": not a pushmon-bench report (" + scenario + " figure '"
                    + figure + "' has no number)");
        }
    }
}
