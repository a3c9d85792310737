package io.pushmon.gateway.status;

import java.time.Instant;

/**
 * The detector's view of one monitor, as the processor reports it. {@code status} is {@code unknown} when the
 * processor could not be asked (rebalancing, starting): the definition is still worth showing then.
 */
public record LiveState(String status, Instant lastHeartbeatAt, Instant nextDeadlineAt, String lastMsg,
        Double lastValue, Long incident) {

    /** The processor has not seen the monitor yet: created moments ago, never pushed. */
    public static final LiveState NEW = new LiveState("new", null, null, null, null, 0L);

    /** The processor did not answer in time. */
    public static final LiveState UNKNOWN = new LiveState("unknown", null, null, null, null, null);
}
