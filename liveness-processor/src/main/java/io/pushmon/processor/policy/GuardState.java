package io.pushmon.processor.policy;

/**
 * The storm guard's memory in one task: whether it is holding, since when, and the number of the storm (so the
 * operator's notices of one storm share an idempotency key).
 *
 * @param active true while a storm holds notices
 * @param since  when the current or last storm began (epoch millis)
 * @param number storms seen so far
 */
public record GuardState(boolean active, long since, long number) {

    public static final GuardState CALM = new GuardState(false, 0, 0);
}
