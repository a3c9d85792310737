package io.pushmon.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs {@link LoadGenerator} as a child process of the harness and reads its result. */
public final class LoadProcess {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadProcess() {
    }

    /**
     * Runs one load and waits for it, at most its own length plus a minute (then it is killed: every load loop of
     * the harness is bounded). The generator's output goes to {@code log}.
     */
    public static LoadResult run(LoadSpec spec, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName()));
        command.addAll(spec.arguments());
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.resolveSibling(log.getFileName() + ".err").toFile()))
                .start();
        Duration limit = spec.once() ? Duration.ofMinutes(15) : spec.warmup().plus(spec.duration()).plusMinutes(1);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the load generator did not finish within " + limit);
        }
        List<String> lines = Files.readAllLines(log);
        if (process.exitValue() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("the load generator failed (exit " + process.exitValue() + "); see "
                    + log.resolveSibling(log.getFileName() + ".err"));
        }
        return JSON.readValue(lines.get(lines.size() - 1), LoadResult.class);
    }
}
