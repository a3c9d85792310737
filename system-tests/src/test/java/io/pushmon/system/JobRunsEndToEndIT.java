package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.pushmon.system.PushmonApi.Monitor;

/**
 * Jobs reporting runs on the real services, through the Healthchecks ping URLs exactly as Healthchecks documents
 * their use from a shell: curl with {@code -fsS -m 10 --retry 5}, {@code /start}, the exit status {@code $?}, and the
 * output sent with {@code --data-raw}; and a slug URL that makes its monitor with {@code ?create=1}.
 */
@ExtendWith(SharedPushmonSystem.class)
class JobRunsEndToEndIT {

    private static PushmonApi api;
    private static Path scripts;

    @BeforeAll
    static void connect(PushmonSystem system) throws IOException {
        api = new PushmonApi(system);
        scripts = Files.createDirectories(system.dataDir().resolve("job-runs"));
    }

    @Test
    void aShellJobReportsAPingAStartItsExitStatusAndItsOutput() {
        Monitor monitor = api.createMonitor("shell-job", 300, List.of());

        String log = sh("""
                url="$1"
                curl -fsS -m 10 --retry 5 -o /dev/null "$url" || exit 90
                curl -fsS -m 10 --retry 5 -o /dev/null "$url/start" || exit 91
                m=$(sh -c 'echo "compressed 3 files"; sleep 1; echo "upload refused" >&2; exit 4' 2>&1)
                curl -fsS -m 10 --retry 5 -o /dev/null --data-raw "$m" "$url/$?" || exit 92
                """, monitor.pingUrl());

        JsonNode heartbeats = awaitHeartbeats(monitor, 3, log);
        assertThat(heartbeats.get(0).path("status").asText()).isEqualTo("down");
        assertThat(heartbeats.get(0).path("exitStatus").asInt()).isEqualTo(4);
        assertThat(heartbeats.get(0).path("durationMillis").asLong()).as(heartbeats.toString()).isBetween(1_000L, 30_000L);
        assertThat(heartbeats.get(1).path("status").asText()).isEqualTo("start");
        assertThat(heartbeats.get(2).path("status").asText()).isEqualTo("up");
        assertThat(api.heartbeatBody(monitor.id(), heartbeats.get(0).path("seq").asLong()))
                .isEqualTo("compressed 3 files\nupload refused");
        JsonNode state = api.monitor(monitor.id()).body();
        assertThat(state.path("status").asText()).isEqualTo("down");
        assertThat(state.path("lastExitStatus").asInt()).isEqualTo(4);
        assertThat(state.path("lastDurationMillis").asLong()).isBetween(1_000L, 30_000L);
    }

    @Test
    void aStartedJobShowsStartedAndGoesDownWhenItRunsPastItsLimit() {
        Monitor monitor = api.createMonitorWithRunLimit("hung-job", 300, 3);
        api.push(monitor.pushToken(), "");

        sh("curl -fsS -m 10 --retry 5 -o /dev/null \"$1/start\"", monitor.pingUrl());
        Instant started = Instant.now();

        await().atMost(Duration.ofSeconds(10)).until(() -> "started".equals(status(monitor)));
        await().atMost(Duration.ofSeconds(15)).until(() -> "down".equals(status(monitor)));
        assertThat(Duration.between(started, Instant.now())).as("not before the 3 s run limit")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        JsonNode events = api.events(monitor.id()).body();
        assertThat(events.get(0).path("reason").asText()).isEqualTo("timeout");
    }

    @Test
    void aSlugUrlWithCreateMakesTheMonitorOnFirstUseAndTakesItsRuns() {
        String pingUrl = api.newPingUrl();

        String log = sh("""
                url="$1"
                curl -fsS -m 10 --retry 5 "$url/db-backup?create=1" || exit 90
                echo
                curl -fsS -m 10 --retry 5 -o /dev/null "$url/db-backup/start" || exit 91
                m=$(echo "dumped 12 tables"; exit 0)
                curl -fsS -m 10 --retry 5 -o /dev/null --data-raw "$m" "$url/db-backup/$?" || exit 92
                """, pingUrl);

        assertThat(log).startsWith("Created");
        JsonNode created = null;
        for (JsonNode monitor : api.monitors().body()) {
            if (monitor.path("name").asText().equals("db-backup")) {
                created = monitor;
            }
        }
        assertThat(created).as("the monitor the first ping made").isNotNull();
        Monitor monitor = new Monitor(created.path("id").asText(), created.path("pushToken").asText(),
                created.path("pushUrl").asText());
        JsonNode heartbeats = awaitHeartbeats(monitor, 3, log);
        assertThat(heartbeats.get(0).path("exitStatus").asInt()).isZero();
        assertThat(heartbeats.get(0).path("durationMillis").isNumber()).as(heartbeats.toString()).isTrue();
        assertThat(api.heartbeatBody(monitor.id(), heartbeats.get(0).path("seq").asLong()))
                .isEqualTo("dumped 12 tables");
    }

    private static String status(Monitor monitor) {
        PushmonApi.Answer answer = api.monitor(monitor.id());
        return answer.status() == 200 ? answer.body().path("status").asText() : "unreadable";
    }

    private static JsonNode awaitHeartbeats(Monitor monitor, int count, String log) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).alias(log).until(() -> {
            PushmonApi.Answer answer = api.heartbeats(monitor.id());
            seen[0] = answer.body();
            return answer.status() == 200 && answer.body().size() >= count;
        });
        return seen[0];
    }

    /**
     * Runs a bash script with the arguments as $1...; fails the test if it exits non-zero. Returns its output. No
     * {@code -e}: in the documented usage the job's failure is reported, not fatal.
     */
    private static String sh(String script, String... args) {
        try {
            Path output = Files.createTempFile(scripts, "run-", ".log");
            List<String> command = new ArrayList<>(List.of("bash", "-uc", script, "job"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the script did not finish within 60 s");
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(log).isZero();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
