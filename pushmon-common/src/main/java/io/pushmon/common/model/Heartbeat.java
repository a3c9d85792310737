package io.pushmon.common.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A record on the {@code heartbeats} topic: a push from a client, or a tick the gateway writes to every
 * partition about once a second so the detector's clock advances on quiet partitions.
 *
 * <p>The time a heartbeat counts for is the record's timestamp, which the broker sets on append
 * (LogAppendTime); {@code receivedAt} is the gateway's wall clock and only informs.
 *
 * @param kind       push or tick
 * @param status     what the push said (null for ticks)
 * @param msg        the push's message, at most 1000 characters (nullable)
 * @param value      the push's numeric value, finite (nullable)
 * @param clientIp   the client's address, as far as trusted proxies tell (nullable)
 * @param userAgent  the client's User-Agent header (nullable)
 * @param receivedAt epoch millis on the gateway's clock when the request arrived
 * @param exitStatus the job's exit status, 0..255, when it reported one (nullable); 0 is a success, any other a
 *                   failure, and {@code status} says the same
 * @param rid        the run id a client chose to pair a start with its end, a lower-case UUID (nullable)
 * @param body       the request body (the job's output) as received, cut to the deployment's limit (nullable)
 */
public record Heartbeat(Kind kind, PushStatus status, String msg, Double value, String clientIp, String userAgent,
        long receivedAt, Integer exitStatus, String rid, byte[] body) {

    /** Largest accepted {@code msg}, in characters after URL decoding. */
    public static final int MAX_MSG_LENGTH = 1000;
    /** Highest exit status a process can report. */
    public static final int MAX_EXIT_STATUS = 255;

    /** A heartbeat without run details: a push of the seed's contract, or a tick. */
    public Heartbeat(Kind kind, PushStatus status, String msg, Double value, String clientIp, String userAgent,
            long receivedAt) {
        this(kind, status, msg, value, clientIp, userAgent, receivedAt, null, null, null);
    }

    /** Record kind. */
    public enum Kind {
        PUSH, TICK;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public static Heartbeat push(PushStatus status, String msg, Double value, String clientIp, String userAgent,
            long receivedAt) {
        return new Heartbeat(Kind.PUSH, status, msg, value, clientIp, userAgent, receivedAt);
    }

    /**
     * The key of every tick record on {@code heartbeats}: a gateway writes one to each partition, chosen
     * explicitly rather than from this key, and it never names a monitor.
     */
    public static final String TICK_KEY = "__tick";

    public static Heartbeat tick(long receivedAt) {
        return new Heartbeat(Kind.TICK, null, null, null, null, null, receivedAt);
    }

    /** A push of any signal, with the run details a client sent. */
    public static Heartbeat signal(PushStatus status, String msg, Double value, Integer exitStatus, String rid,
            byte[] body, String clientIp, String userAgent, long receivedAt) {
        return new Heartbeat(Kind.PUSH, status, msg, value, clientIp, userAgent, receivedAt, exitStatus, rid, body);
    }

    public boolean isTick() {
        return kind == Kind.TICK;
    }

    /** Bytes of the body kept, 0 without one. */
    public int bodySize() {
        return body == null ? 0 : body.length;
    }

    /** The same heartbeat with another status: how the processor reads a push that gave none. */
    public Heartbeat withStatus(PushStatus newStatus) {
        return new Heartbeat(kind, newStatus, msg, value, clientIp, userAgent, receivedAt, exitStatus, rid, body);
    }

    // A record compares arrays by identity; two heartbeats with equal bodies are the same heartbeat.
    @Override
    public boolean equals(Object other) {
        return other instanceof Heartbeat that && kind == that.kind && status == that.status
                && receivedAt == that.receivedAt && Objects.equals(msg, that.msg) && Objects.equals(value, that.value)
                && Objects.equals(clientIp, that.clientIp) && Objects.equals(userAgent, that.userAgent)
                && Objects.equals(exitStatus, that.exitStatus) && Objects.equals(rid, that.rid)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, msg, value, clientIp, userAgent, receivedAt, exitStatus, rid)
                * 31 + Arrays.hashCode(body);
    }

    /** The body is a job's output and may hold anything, secrets included: only its size is shown. */
    @Override
    public String toString() {
        return "Heartbeat[kind=" + kind + ", status=" + status + ", msg=" + msg + ", value=" + value + ", clientIp="
                + clientIp + ", userAgent=" + userAgent + ", receivedAt=" + receivedAt + ", exitStatus=" + exitStatus
                + ", rid=" + rid + ", bodySize=" + bodySize() + "]";
    }
}
