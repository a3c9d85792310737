package io.pushmon.gateway.incidents;

import java.time.Instant;

import io.pushmon.common.model.EventReason;

/**
 * One outage of a monitor, as its down and recovery events on {@code monitor-events} tell it.
 *
 * @param number    the processor's incident number, one per down
 * @param downAt    when the monitor went down: for a timeout the deadline, not the moment it was noticed
 * @param upAt      when it recovered; null while it is still down
 * @param reason    why it went down
 * @param message   the msg of the last push before the down, if any
 */
public record Incident(long number, Instant downAt, Instant upAt, EventReason reason, String message) {

    public boolean open() {
        return upAt == null;
    }

    Incident closedAt(Instant at) {
        return new Incident(number, downAt, at, reason, message);
    }
}
