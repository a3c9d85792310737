package io.pushmon.gateway.accounts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/** The time every account expiry (sessions, mailed tokens, invitations) is measured against. */
@ApplicationScoped
public class AccountClock {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
