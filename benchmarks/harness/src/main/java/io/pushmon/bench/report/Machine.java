package io.pushmon.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a report was measured on. Benchmarks here run on shared, noisy 2-core machines, so the load
 * average at the start is part of the record.
 */
public record Machine(int cores, long memoryMiB, String cpu, String os, String jdk, String loadAverage) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemoryMiB(), readCpu(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                firstLine(Path.of("/proc/loadavg")));
    }

    private static long readMemoryMiB() {
        return lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).orElse(-1L);
    }

    private static String readCpu() {
        return lines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
    }

    private static String firstLine(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "unknown" : lines.get(0);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
