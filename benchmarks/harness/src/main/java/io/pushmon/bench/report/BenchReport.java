package io.pushmon.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A run of the harness: the machine, the command and each scenario's result, as markdown and as JSON. */
public record BenchReport(Instant startedAt, Machine machine, List<String> command, List<ScenarioResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code report.json} and {@code report.md} into the folder and returns the markdown file. */
    public Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        JSON.writeValue(folder.resolve("report.json").toFile(), json());
        Path markdown = folder.resolve("report.md");
        Files.writeString(markdown, markdown());
        return markdown;
    }

    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", startedAt.toString());
        root.set("machine", JSON.valueToTree(machine));
        root.set("command", JSON.valueToTree(command));
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioResult result : results) {
            ObjectNode node = scenarios.addObject();
            node.put("name", result.name());
            node.put("title", result.title());
            node.put("seconds", result.seconds());
            node.put("failure", result.failure());
            node.set("settings", JSON.valueToTree(result.settings()));
            ObjectNode metrics = node.putObject("metrics");
            result.metrics().forEach(m -> metrics.putObject(m.name()).put("value", m.value()).put("unit", m.unit()));
            node.set("checks", JSON.valueToTree(result.checks()));
            node.set("notes", JSON.valueToTree(result.notes()));
        }
        return root;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# pushmon benchmark report\n\n");
        md.append("- started: ").append(startedAt).append('\n');
        md.append("- command: `").append(String.join(" ", command)).append("`\n");
        md.append("- machine: ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
                .append(machine.memoryMiB()).append(" MiB, ").append(machine.os()).append('\n');
        md.append("- JDK: ").append(machine.jdk()).append('\n');
        md.append("- load average at start: ").append(machine.loadAverage()).append("\n\n");

        md.append("Targets (performance, judged at full size), invariants (must hold in every run) and warnings"
                + " (conditions of the measurement itself):\n\n");
        md.append("| scenario | target | measured | met |\n|---|---|---|---|\n");
        for (ScenarioResult result : results) {
            if (result.failure() != null) {
                md.append("| ").append(result.name()).append(" | | did not complete: ")
                        .append(cell(result.failure())).append(" | no |\n");
            }
            for (Check check : result.checks()) {
                md.append("| ").append(result.name()).append(" | ").append(prefix(check.kind()))
                        .append(cell(check.target())).append(" | ")
                        .append(cell(check.measured())).append(" | ").append(check.met() ? "yes" : "**no**")
                        .append(" |\n");
            }
        }
        for (ScenarioResult result : results) {
            md.append("\n## ").append(result.name()).append(": ").append(result.title()).append("\n\n");
            md.append(String.format(Locale.ROOT, "Took %.0f s.", result.seconds()));
            if (result.failure() != null) {
                md.append(" **Did not complete:** ").append(result.failure());
            }
            md.append("\n\n");
            if (!result.settings().isEmpty()) {
                md.append("Settings: ");
                md.append(String.join(", ", result.settings().entrySet().stream()
                        .map(e -> e.getKey() + " = " + e.getValue()).toList()));
                md.append("\n\n");
            }
            if (!result.metrics().isEmpty()) {
                md.append("| figure | value |\n|---|---|\n");
                result.metrics().forEach(m -> md.append("| ").append(cell(m.name())).append(" | ")
                        .append(format(m.value())).append(m.unit().isEmpty() ? "" : " " + m.unit()).append(" |\n"));
                md.append('\n');
            }
            result.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static String prefix(Check.Kind kind) {
        return switch (kind) {
            case TARGET -> "";
            case INVARIANT -> "invariant: ";
            case WARNING -> "warning: ";
        };
    }

    /** Whole numbers without decimals, others with up to two. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** For tests: the parsed JSON. */
    public static Map<?, ?> read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), Map.class);
    }
}
