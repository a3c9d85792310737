package io.pushmon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/** What every scenario gets: the options, the repository, a folder of its own and a progress log. */
public final class BenchContext {

    /**
     * JVM options of every service under benchmark: the JVM's defaults (G1, both JIT tiers) as a container would
     * run it, instead of the launcher's small, fast-starting test settings. 2 GiB: a gateway caching a million
     * monitors needs more than 1.
     */
    public static final List<String> SERVICE_JVM = List.of("-Xmx2g");

    /** The broker's JVM under benchmark: as ./pushmon-local runs it (1 GiB, both JIT tiers). */
    public static final List<String> BROKER_JVM = List.of("-Xmx1g");

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final BenchOptions options;
    private final Path root;
    private final String scenario;

    BenchContext(BenchOptions options, Path root, String scenario) {
        this.options = options;
        this.root = root;
        this.scenario = scenario;
    }

    public BenchOptions options() {
        return options;
    }

    /** The repository root: the packaged services and the harness classpath are found from here. */
    public Path root() {
        return root;
    }

    public boolean smoke() {
        return options.smoke();
    }

    /** See {@link BenchOptions#size(int, int)}. */
    public int size(int defaultSize, int smokeSize) {
        return options.size(defaultSize, smokeSize);
    }

    /** A load phase's length: the full one, or a second or two in a smoke run. */
    public Duration duration(Duration full, Duration smoke) {
        return options.smoke() ? smoke : full;
    }

    /** This scenario's own folder under the report folder (system data, logs, load-generator output). */
    public Path workDir() {
        Path dir = options.out().resolve(scenario);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pushmon launcher whose data and logs go to this scenario's folder, so they stay next to the report. */
    public PushmonSystem.Builder system(String name) {
        PushmonSystem.Builder builder = PushmonSystem.builder().root(root).dataDir(workDir().resolve(name));
        for (Component service : List.of(Component.GATEWAY, Component.PROCESSOR, Component.DISPATCHER)) {
            builder.jvmOptions(service, SERVICE_JVM.toArray(String[]::new));
        }
        builder.jvmOptions(Component.KAFKA, BROKER_JVM.toArray(String[]::new));
        return builder;
    }

    /** A progress line on stdout: load phases take minutes and the user should see where they are. */
    public void log(String format, Object... args) {
        System.out.printf("%s [%s] %s%n", LocalTime.now().format(CLOCK), scenario, String.format(format, args));
    }
}
