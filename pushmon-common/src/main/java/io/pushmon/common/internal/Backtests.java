package io.pushmon.common.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.serde.Json;

/**
 * The processor's backtest of one monitor, {@code POST /internal/monitors/{id}/backtest}: the body is a
 * {@link Query} of detection rules, the answer a {@link Report} with the incidents each rule would have opened over
 * the monitor's retained signals. The gateway writes queries and reads reports only through this type, and the
 * processor the other way round, so the contract is this one file.
 */
public final class Backtests {

    /** Most rules one query may ask about. */
    public static final int MAX_RULES = 10;
    /**
     * Highest threshold a rule may have, the monitor API's: a gap in the history fires at most this many deadlines
     * before the replay is down, which bounds the replay's work.
     */
    public static final int MAX_THRESHOLD = 100;

    private Backtests() {
    }

    /** Path of the backtest on the processor, relative to its base URL. */
    public static String path(String monitorId) {
        return "/internal/monitors/" + monitorId + "/backtest";
    }

    /**
     * How a monitor is watched, as far as detection goes: a complete setting, with nothing left to defaults.
     *
     * @param timeoutSeconds    expected interval between pushes; 0 with a cron schedule
     * @param cron              when runs are expected, or null for an interval
     * @param graceSeconds      extra time before a miss
     * @param maxRuntimeSeconds how long a started run may take; 0 means the grace time
     * @param failureThreshold  consecutive failures before down, 1 .. {@link #MAX_THRESHOLD}
     * @param recoveryThreshold consecutive good pushes before up again, 1 .. {@link #MAX_THRESHOLD}
     */
    public record Rule(long timeoutSeconds, CronSchedule cron, long graceSeconds, long maxRuntimeSeconds,
            int failureThreshold, int recoveryThreshold) {
    }

    /** @param rules the rules to replay the history through, at most {@link #MAX_RULES} */
    public record Query(List<Rule> rules) {

        public Query {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        public String toJson() {
            return write(this);
        }

        /** @throws UncheckedIOException when the body is not a query */
        public static Query fromJson(String body) {
            return read(body, Query.class);
        }
    }

    /**
     * An incident a rule would have opened.
     *
     * @param start  when the monitor would have gone down
     * @param end    when it would have been up again; null if it would still be down
     * @param reason why it would have gone down: {@code timeout} or {@code reported-down}
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Incident(Instant start, Instant end, EventReason reason) {
    }

    /**
     * What the replay covered and what each rule would have done.
     *
     * @param from      broker time of the oldest signal replayed; null without signals
     * @param to        the time the replay ran up to: how far the processor has read the monitor's partition; null
     *                  before it read anything
     * @param signals   signals replayed
     * @param incidents per rule of the query, in its order, the incidents it would have opened, oldest first
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(Instant from, Instant to, int signals, List<List<Incident>> incidents) {

        public Report {
            incidents = incidents == null ? List.of() : incidents.stream().map(List::copyOf).toList();
        }

        public String toJson() {
            return write(this);
        }

        /**
         * How the gateway reads the processor's answer: a 200 with a report is one, anything else (a 404, a 503
         * while rebalancing, a body that is no report) is empty, and the caller relays the status.
         */
        public static Optional<Report> fromAnswer(int status, String body) {
            if (status != 200 || body == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(read(body, Report.class));
            } catch (UncheckedIOException e) {
                return Optional.empty();
            }
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a backtest is always writable as JSON", e);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a backtest " + type.getSimpleName().toLowerCase(), e);
        }
    }
}
