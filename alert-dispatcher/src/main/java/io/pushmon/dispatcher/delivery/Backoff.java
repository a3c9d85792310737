package io.pushmon.dispatcher.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: exponential backoff with full jitter. Full jitter spreads the retries of
 * many deliveries that failed together (a receiver that was down for everyone) over the whole window
 * instead of sending them back in waves.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    /**
     * @param initial       upper bound of the delay after the first failed attempt
     * @param max           largest upper bound
     * @param maxRetryAfter largest Retry-After honoured
     * @param random        uniform in [0, 1)
     */
    public Backoff(Duration initial, Duration max, Duration maxRetryAfter, DoubleSupplier random) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
        }
        this.initial = initial;
        this.max = max;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    public static Backoff of(DispatcherConfig.Retry retry) {
        return new Backoff(retry.initialBackoff(), retry.maxBackoff(), retry.maxRetryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The largest delay after the given failed attempt (1-based): initial * 2^(attempt-1), at most max. */
    public Duration ceiling(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + failedAttempt);
        }
        int doublings = Math.min(failedAttempt - 1, 62);
        long initialMillis = initial.toMillis();
        long limit = max.toMillis();
        if (initialMillis == 0) {
            return Duration.ZERO;
        }
        long ceiling = doublings >= Long.numberOfLeadingZeros(initialMillis) - 1 ? limit
                : Math.min(limit, initialMillis << doublings);
        return Duration.ofMillis(ceiling);
    }

    /**
     * The delay after a failed attempt. A receiver's Retry-After wins over the computed delay (it said when
     * it can take the next request), but is never longer than the configured limit.
     */
    public Duration delayAfter(int failedAttempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return Duration.ofMillis((long) (ceiling(failedAttempt).toMillis() * random.getAsDouble()));
    }
}
