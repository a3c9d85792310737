package io.pushmon.bench.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One scrape of a service's {@code /q/metrics} in the Prometheus text format: the samples by name, so a
 * scenario can take deltas of counters between two scrapes. Label sets are kept as text; a scenario asks for
 * the sum over all of them (one figure per process) or the largest.
 */
public final class PrometheusText {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Scrapes {@code <baseUrl>/q/metrics}. */
    public static PrometheusText scrape(String baseUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(baseUrl + "/q/metrics answered " + response.statusCode());
        }
        return parse(response.body());
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(sample(trimmed));
            }
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The sum of a metric over all its label sets; fails if the process does not expose it. */
    public double sum(String name) {
        return of(name).stream().mapToDouble(Sample::value).sum();
    }

    /** The largest value of a metric over all its label sets; fails if the process does not expose it. */
    public double max(String name) {
        return of(name).stream().mapToDouble(Sample::value).max().orElseThrow();
    }

    private List<Sample> of(String name) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)).toList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no metric '" + name + "' in the scrape");
        }
        return found;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        String labels;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            int close = closingBrace(line, brace);
            name = line.substring(0, brace);
            labels = line.substring(brace + 1, close);
            rest = close + 1;
        } else {
            if (space < 0) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            name = line.substring(0, space);
            labels = "";
            rest = space;
        }
        // After the value an optional timestamp may follow.
        String value = line.substring(rest).strip().split("\\s+")[0];
        return new Sample(name, labels, number(value));
    }

    /** The brace that closes the label set; a quoted label value may itself contain braces. */
    private static int closingBrace(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed label set: " + line);
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
