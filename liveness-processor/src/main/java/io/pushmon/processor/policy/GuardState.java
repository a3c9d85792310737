package io.pushmon.processor.policy;

/**
 * The storm guard's memory in one task: whether it is holding, since when, and the number of the storm (so the
 * operator's notices of one storm share an idempotency key).
 *
 * @param active true while a storm holds notices
 * @param since  when the current or last storm began (epoch millis)
 * @param number storms seen so far
 * @param baseline the ingest rate (pushes per second) before the current or last storm: the storm ends against
 *                 it, not against the moving baseline, which sinks toward the outage's rate while it lasts
 * @param settleUntil while ingest is back but the held downs wait for the pushes still to come, when they are
 *                 released (epoch millis); 0 otherwise
 */
public record GuardState(boolean active, long since, long number, double baseline, long settleUntil) {

    public static final GuardState CALM = new GuardState(false, 0, 0, 0, 0);

    public GuardState settling(long until) {
        return new GuardState(active, since, number, baseline, until);
    }

    public GuardState ended() {
        return new GuardState(false, since, number, baseline, 0);
    }
}
