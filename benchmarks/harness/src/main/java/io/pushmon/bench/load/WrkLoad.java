package io.pushmon.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Timed loads from Debian's {@code wrk}: a C closed-loop generator that needs a fraction of the Vert.x generator's
 * CPU per request (17 against about 70 µs on the 2-core machine), and on 2 shared cores every µs it takes is taken
 * from what it measures. {@value #THREADS} threads, the connections split evenly over them, one request in flight
 * on each (the script returns one request at a time, so wrk does not pipeline). The warm-up is a wrk run of its own whose latencies are not kept; the measured run follows at once
 * with {@code --latency}. wrk's own CPU time (user + system, both runs) is read by bash's {@code time}.
 */
public final class WrkLoad implements TimedLoad {

    static final int THREADS = 2;

    /** As the Vert.x generator's request timeout: an answer later than this counts as a timeout error. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Past its {@code -d}, a wrk run has this long to end before it is killed. */
    private static final Duration OVERRUN = Duration.ofSeconds(30);
    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);

    private final String wrk;
    private final String version;

    WrkLoad(String wrk, String version) {
        this.wrk = wrk;
        this.version = version;
    }

    /**
     * wrk if it is on the PATH or, when the harness runs as root, once {@code apt-get} installed it (its output
     * goes to {@code wrk-install.log} in {@code workDir}); else the Vert.x generator, saying why.
     */
    public static TimedLoad find(Path workDir, Consumer<String> log) throws IOException, InterruptedException {
        Optional<String> wrk = onPath();
        String whyNot = null;
        if (wrk.isEmpty()) {
            if (!"0".equals(output(List.of("id", "-u")))) {
                whyNot = "wrk is not installed, and only root can install it";
            } else {
                log.accept("wrk is not installed: apt-get install wrk (Debian's package)");
                Path installLog = workDir.resolve("wrk-install.log");
                int exit = run(List.of("bash", "-c", "apt-get update -qq && apt-get install -y -qq wrk"),
                        installLog, installLog, INSTALL_LIMIT);
                wrk = onPath();
                if (wrk.isEmpty()) {
                    whyNot = "apt-get install wrk failed (" + (exit < 0 ? "did not end within " + INSTALL_LIMIT
                            : "exit " + exit) + ", see " + installLog.getFileName() + ")";
                }
            }
        }
        if (wrk.isEmpty()) {
            log.accept("timed loads from the Vert.x generator: " + whyNot);
            return new VertxLoad(whyNot);
        }
        return new WrkLoad(wrk.get(), versionOf(wrk.get()));
    }

    @Override
    public String description() {
        return version + ", " + THREADS + " threads, closed loop, POST /api/push/<token> round-robin over the"
                + " monitors' tokens (Lua), warm-up as a separate run, latency as wrk corrects it for coordinated"
                + " omission, statuses only 2xx (below 400) or not";
    }

    @Override
    public LoadResult run(LoadSpec spec, Path output) throws IOException, InterruptedException {
        if (spec.once()) {
            throw new IllegalArgumentException("each token exactly once is the Vert.x generator's mode");
        }
        if (spec.connections() % THREADS != 0) {
            throw new IllegalArgumentException("wrk splits the connections evenly over its " + THREADS
                    + " threads, so " + spec.connections() + " would not all be opened");
        }
        if (Files.readAllLines(spec.tokens()).stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException("no tokens in " + spec.tokens());
        }
        Path script = WrkScript.write(spec.tokens().resolveSibling(stem(spec.tokens()) + ".lua"), spec.tokens(),
                THREADS);
        Run warmup = once(spec, script, spec.warmup(), false, beside(output, "-warmup"));
        Run measured = once(spec, script, spec.duration(), true, output);
        return measured.summary().toResult(warmup.summary(), warmup.cpuMicros() + measured.cpuMicros());
    }

    private record Run(WrkSummary summary, long cpuMicros) {
    }

    private Run once(LoadSpec spec, Path script, Duration length, boolean latency, Path output)
            throws IOException, InterruptedException {
        long seconds = length.toSeconds();
        if (seconds < 1 || length.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("wrk runs for whole seconds, not " + length);
        }
        // bash's `time` keyword reports the CPU time of the command it ran, children included, after it ended;
        // reading /proc/<pid>/stat instead would race wrk's exit.
        List<String> command = new ArrayList<>(List.of("bash", "-c", "TIMEFORMAT='%3U %3S'; time \"$@\"", "wrk",
                wrk, "-t" + THREADS, "-c" + spec.connections(), "-d" + seconds + "s",
                "--timeout", REQUEST_TIMEOUT.toSeconds() + "s", "-s", script.toString()));
        if (latency) {
            command.add("--latency");
        }
        command.add(spec.baseUrl());
        Path errors = output.resolveSibling(output.getFileName() + ".err");
        int exit = run(command, output, errors, length.plus(OVERRUN));
        List<String> stderr = Files.readAllLines(errors);
        if (exit != 0) {
            throw new IllegalStateException(exit < 0 ? "wrk did not end within " + length.plus(OVERRUN) + " and was"
                    + " killed" : "wrk failed (exit " + exit + "): " + String.join(" | ", stderr));
        }
        return new Run(WrkSummary.parse(Files.readAllLines(output)), cpuMicros(stderr));
    }

    /** User + system seconds in bash's {@code TIMEFORMAT='%3U %3S'}, the last line it wrote, as µs. */
    static long cpuMicros(List<String> stderr) {
        for (int i = stderr.size() - 1; i >= 0; i--) {
            String[] fields = stderr.get(i).strip().split(" ");
            if (fields.length == 2 && fields[0].matches("\\d+\\.\\d{3}") && fields[1].matches("\\d+\\.\\d{3}")) {
                return millis(fields[0]) * 1000 + millis(fields[1]) * 1000;
            }
        }
        throw new IllegalStateException("no CPU time from bash's time in wrk's stderr: " + stderr);
    }

    private static long millis(String seconds) {
        return Long.parseLong(seconds.replace(".", ""));
    }

    /** {@code load-gateway-50.txt} with {@code -warmup} is {@code load-gateway-50-warmup.txt}. */
    static Path beside(Path file, String tag) {
        String name = file.getFileName().toString();
        String stem = stem(file);
        return file.resolveSibling(stem + tag + name.substring(stem.length()));
    }

    /** The file's name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Optional<String> onPath() throws IOException, InterruptedException {
        String path = output(List.of("bash", "-c", "command -v wrk"));
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    /** wrk's first line of {@code -v}, e.g. {@code wrk 4.1.0 [epoll] Copyright (C) 2012 Will Glozer}. */
    private static String versionOf(String wrk) throws IOException, InterruptedException {
        String banner = output(List.of(wrk, "-v"));
        String first = banner.lines().findFirst().orElse("wrk");
        int copyright = first.indexOf(" Copyright");
        return copyright > 0 ? first.substring(0, copyright) : first;
    }

    /** The first line a short command printed, or "" when it printed nothing or did not end within 10 s. */
    private static String output(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pushmon-bench", ".out");
        try {
            run(command, out, out, Duration.ofSeconds(10));
            return Files.readAllLines(out).stream().findFirst().orElse("").strip();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs a command to its end or, past the limit, kills it and its children; the exit code, or -1 if killed. */
    private static int run(List<String> command, Path stdout, Path stderr, Duration limit)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
        if (stderr.equals(stdout)) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr.toFile());
        }
        // bash's `time` writes its decimal point as the locale says; cpuMicros reads a dot.
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return -1;
    }
}
