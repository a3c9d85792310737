package io.pushmon.bench.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's own {@code jcmd} against a running JVM of the benchmark. */
public final class Jcmd {

    private Jcmd() {
    }

    /** Runs one diagnostic command and returns what it printed; fails if it does not succeed within 2 minutes. */
    public static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        // Read before waiting: a large answer (a histogram of a big heap) is bigger than the pipe's buffer.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed: "
                    + output.lines().limit(5).toList());
        }
        return output;
    }
}
