package io.pushmon.bench.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} in the Prometheus text format: the samples by name, so a
 * scenario can take deltas of counters between two scrapes. Label sets are kept as text; a scenario asks for
 * the sum over all of them (one figure per process) or the largest.
 */
public final class PrometheusText {

    private static final Pattern LE = Pattern.compile("(?:^|,)le=\"([^\"]+)\"");
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

    /**
     * The {@code q} quantile of a histogram ({@code <name>_bucket} samples, summed over label sets), interpolated
     * linearly within the bucket it falls in, as Prometheus' {@code histogram_quantile} does; NaN when the
     * histogram counted nothing. Its precision is the width of that bucket.
     */
    public double quantile(String name, double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("a quantile is between 0 and 1, not " + q);
        }
        Map<Double, Double> cumulative = new TreeMap<>();
        for (Sample bucket : of(name + "_bucket")) {
            Matcher le = LE.matcher(bucket.labels());
            if (!le.find()) {
                throw new IllegalArgumentException(name + "_bucket sample without le: " + bucket.labels());
            }
            cumulative.merge(number(le.group(1)), bucket.value(), Double::sum);
        }
        double total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower;
                }
                double inBucket = bucket.getValue() - below;
                return inBucket == 0 ? bucket.getKey()
                        : lower + (bucket.getKey() - lower) * (rank - below) / inBucket;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower;
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
