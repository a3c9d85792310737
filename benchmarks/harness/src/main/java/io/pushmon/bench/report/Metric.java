package io.pushmon.bench.report;

/** One measured figure, e.g. {@code pushes/s = 4210.5}. */
public record Metric(String name, double value, String unit) {
}
