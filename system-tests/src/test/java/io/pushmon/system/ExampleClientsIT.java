package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushmon.system.PushmonApi.Monitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The clients in {@code examples/} run unchanged against a running pushmon, given only the push URL the API
 * handed out; their heartbeats must show in {@code GET /api/monitors/{id}/heartbeats}.
 */
@ExtendWith(SharedPushmonSystem.class)
class ExampleClientsIT {

    private static PushmonApi api;
    private static Path examples;
    private static Path outputDir;

    @BeforeAll
    static void connect(PushmonSystem system) throws IOException {
        api = new PushmonApi(system);
        examples = system.root().resolve("examples");
        outputDir = Files.createDirectories(system.dataDir().resolve("examples"));
    }

    @Test
    void theCurlLoopPushesEveryHeartbeatItCounts(TestInfo test) {
        Monitor monitor = monitor(test);

        Result run = run(test, "bash", examples.resolve("curl-loop.sh").toString(), monitor.pushUrl(), "3", "0.2");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(awaitHeartbeats(monitor, 3)).extracting(h -> h.path("msg").asText())
                .containsExactlyInAnyOrder("loop-1", "loop-2", "loop-3");
    }

    @Test
    void thePythonRequestsClientPushesHeartbeatsWithItsMessageAndValue(TestInfo test) {
        assumeTrue(succeeds("python3", "-c", "import requests"), "python3 with requests is not installed");
        Monitor monitor = monitor(test);

        Result run = run(test, "python3", examples.resolve("heartbeat.py").toString(), monitor.pushUrl(),
                "--count", "3", "--interval", "0.2", "--msg", "from-python", "--value", "42.5");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<JsonNode> heartbeats = awaitHeartbeats(monitor, 3);
        assertThat(heartbeats).allSatisfy(h -> {
            assertThat(h.path("status").asText()).isEqualTo("up");
            assertThat(h.path("msg").asText()).isEqualTo("from-python");
            assertThat(h.path("value").asDouble()).isEqualTo(42.5);
        });
    }

    @Test
    void theNodeFetchClientPushesEveryHeartbeatItCounts(TestInfo test) {
        assumeTrue(succeeds("node", "-e", "if (typeof fetch !== 'function') process.exit(1)"),
                "node 18 or newer (with fetch) is not installed");
        Monitor monitor = monitor(test);

        Result run = run(test, "node", examples.resolve("heartbeat.mjs").toString(), monitor.pushUrl(), "3", "0.2");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(awaitHeartbeats(monitor, 3)).extracting(h -> h.path("msg").asText())
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    }

    @Test
    void theCronWrapperReportsEachRunWithItsStartExitStatusDurationAndOutputAndKeepsItsExitCode(TestInfo test) {
        Monitor monitor = monitor(test);
        String wrapper = examples.resolve("cron-wrapper.sh").toString();

        Result success = run(test, "bash", wrapper, monitor.pushUrl(), "backup", "sh", "-c", "echo 3 files; sleep 1");
        assertThat(success.exitCode()).as(success.output()).isZero();
        assertThat(success.output()).as("the job's output still reaches cron").contains("3 files");
        Result failure = run(test, "bash", wrapper, monitor.pushUrl(), "backup", "sh", "-c", "echo disk full >&2; exit 3");
        assertThat(failure.exitCode()).as(failure.output()).isEqualTo(3);

        // Newest first: the failed run's end and start, then the successful run's.
        List<JsonNode> heartbeats = awaitHeartbeats(monitor, 4);
        assertThat(heartbeats).extracting(h -> h.path("status").asText())
                .containsExactly("down", "start", "up", "start");
        JsonNode failed = heartbeats.get(0);
        assertThat(failed.path("msg").asText()).isEqualTo("backup-failed-exit-3");
        assertThat(failed.path("exitStatus").asInt()).isEqualTo(3);
        assertThat(failed.path("rid").asText()).isEqualTo(heartbeats.get(1).path("rid").asText()).isNotEmpty();
        JsonNode succeeded = heartbeats.get(2);
        assertThat(succeeded.path("exitStatus").asInt()).isZero();
        assertThat(succeeded.path("durationMillis").asLong()).isBetween(1_000L, 30_000L);
        assertThat(api.heartbeatBody(monitor.id(), failed.path("seq").asLong())).isEqualTo("disk full\n");
        assertThat(api.heartbeatBody(monitor.id(), succeeded.path("seq").asLong())).isEqualTo("3 files\n");
    }

    private record Result(int exitCode, String output) {
    }

    private static Monitor monitor(TestInfo test) {
        // Long enough that no deadline passes during the test: these tests are about the clients.
        return api.createMonitor(test.getTestMethod().orElseThrow().getName(), 300, List.of());
    }

    private static List<JsonNode> awaitHeartbeats(Monitor monitor, int count) {
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            PushmonApi.Answer answer = api.heartbeats(monitor.id());
            seen.clear();
            if (answer.status() == 200) {
                StreamSupport.stream(answer.body().spliterator(), false).forEach(seen::add);
            }
            return seen.size() >= count;
        });
        return List.copyOf(seen);
    }

    private static Result run(TestInfo test, String... command) {
        Path output = outputDir.resolve(test.getTestMethod().orElseThrow().getName() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
