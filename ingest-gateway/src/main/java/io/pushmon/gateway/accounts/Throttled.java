package io.pushmon.gateway.accounts;

/** Too many attempts from one address or for one email address: answered 429 with Retry-After. */
public class Throttled extends RuntimeException {

    private final long retryAfterSeconds;

    public Throttled(long retryAfterSeconds) {
        super("too many attempts: retry in " + retryAfterSeconds + " seconds", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
