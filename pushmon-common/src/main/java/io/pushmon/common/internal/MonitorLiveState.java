package io.pushmon.common.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.serde.Json;

/**
 * The detector's view of one monitor: the body of the processor's {@code GET /internal/monitors/{id}/state},
 * read by the gateway for {@code GET /api/monitors/{id}}. The processor writes it only through {@link #toJson}
 * and the gateway reads it only through {@link #fromAnswer}, so the contract is this one type. Every field is
 * present, null when unknown.
 *
 * @param monitorId       the monitor
 * @param status          new, up, down, paused, or started while a run is open
 * @param lastHeartbeatAt broker time of the last push, null if none
 * @param nextDeadlineAt  when the monitor goes down without a push, null while paused or never pushed
 * @param lastMsg         msg of the last push
 * @param lastValue       value of the last push
 * @param incident        number of the latest incident, 0 before the first
 * @param runningSince    start of the oldest run that has not ended, null when none is open
 * @param openRuns        runs started and not ended
 * @param lastDurationMillis how long the last run that reported its start took, null before one did
 * @param lastExitStatus  the exit status of the last run that reported one, null before one did
 * @param thresholds      the alert thresholds and how far the monitor has come towards them; 1/1 with nothing counted
 *                        in an answer from a processor older than thresholds
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MonitorLiveState(String monitorId, MonitorStatus status, Instant lastHeartbeatAt,
        Instant nextDeadlineAt, String lastMsg, Double lastValue, long incident, Instant runningSince, int openRuns,
        Long lastDurationMillis, Integer lastExitStatus, Thresholds thresholds) {

    /**
     * The alert policy's thresholds and the consecutive failures or good pushes counted towards them.
     *
     * @param failures          failures counted while not down (missed deadlines, runs too long, down pushes)
     * @param failureThreshold  failures that take the monitor down
     * @param recoveries        good pushes counted while down
     * @param recoveryThreshold good pushes that bring it back up
     */
    public record Thresholds(int failures, int failureThreshold, int recoveries, int recoveryThreshold) {

        /** Thresholds 1/1, nothing counted. */
        public static final Thresholds DEFAULT = new Thresholds(0, 1, 0, 1);

        public Thresholds {
            failureThreshold = Math.max(1, failureThreshold);
            recoveryThreshold = Math.max(1, recoveryThreshold);
        }

        /** {@code "k/n"} while k failures below the threshold n are counted, else null. */
        public String failing() {
            return failures > 0 ? failures + "/" + failureThreshold : null;
        }

        /** {@code "k/r"} while a down monitor has k of the r good pushes it needs, else null. */
        public String recovering() {
            return recoveries > 0 ? recoveries + "/" + recoveryThreshold : null;
        }
    }

    public MonitorLiveState {
        thresholds = thresholds == null ? Thresholds.DEFAULT : thresholds;
    }

    /** Path of the read on the processor, relative to its base URL. */
    public static String path(String monitorId) {
        return "/internal/monitors/" + monitorId + "/state";
    }

    /** What a monitor the processor has not seen yet looks like: created moments ago, never pushed. */
    public static MonitorLiveState neverSeen(String monitorId) {
        return new MonitorLiveState(monitorId, MonitorStatus.NEW, null, null, null, null, 0, null, 0, null, null, null);
    }

    /**
     * How the gateway reads the processor's answer: a 404 is a monitor the processor has not seen yet, a 200 its
     * state, anything else (a 503 while rebalancing, a body that is no state) is "cannot say right now".
     */
    public static Optional<MonitorLiveState> fromAnswer(String monitorId, int status, String body) {
        if (status == 404) {
            return Optional.of(neverSeen(monitorId));
        }
        if (status != 200 || body == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(body));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live state is always writable as JSON", e);
        }
    }

    /**
     * @throws UncheckedIOException when the body is not a live state
     */
    public static MonitorLiveState fromJson(String body) {
        try {
            return Json.MAPPER.readValue(body, MonitorLiveState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a monitor's live state", e);
        }
    }
}
