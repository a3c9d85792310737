package io.pushmon.system;

import java.time.Duration;
import java.time.Instant;

/** Lets real time pass in a scenario: an outage, a window, a wait for what must not come. */
public final class Pause {

    private Pause() {
    }

    public static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Returns at once if {@code instant} has passed. */
    public static void until(Instant instant) {
        sleep(Duration.between(Instant.now(), instant));
    }
}
