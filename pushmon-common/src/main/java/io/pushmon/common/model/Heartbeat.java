package io.pushmon.common.model;

import java.util.Locale;

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
 */
public record Heartbeat(Kind kind, PushStatus status, String msg, Double value, String clientIp, String userAgent,
        long receivedAt) {

    /** Largest accepted {@code msg}, in characters after URL decoding. */
    public static final int MAX_MSG_LENGTH = 1000;

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

    public static Heartbeat tick(long receivedAt) {
        return new Heartbeat(Kind.TICK, null, null, null, null, null, receivedAt);
    }

    public boolean isTick() {
        return kind == Kind.TICK;
    }
}
