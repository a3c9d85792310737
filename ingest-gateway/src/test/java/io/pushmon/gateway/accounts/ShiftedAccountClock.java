package io.pushmon.gateway.accounts;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** The account clock of the gateway tests: the real time, moved forward by a test to expire tokens. */
@Alternative
@Priority(1)
@ApplicationScoped
public class ShiftedAccountClock extends AccountClock {

    private volatile Duration shift = Duration.ZERO;

    @Override
    public Instant now() {
        return super.now().plus(shift);
    }

    public void shift(Duration by) {
        shift = by;
    }
}
