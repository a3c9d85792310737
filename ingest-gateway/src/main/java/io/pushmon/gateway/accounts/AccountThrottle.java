package io.pushmon.gateway.accounts;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.push.ClientAddressResolver;
import io.vertx.core.http.HttpServerRequest;

/**
 * Brute-force throttle of sign-in, sign-up and reset requests: a token bucket per email address and one per client
 * address, per kind of request, each refilled evenly over the period. Buckets live in this gateway only, so N
 * gateways allow N times the attempts: still a handful per address and period, far from what guessing needs.
 */
@ApplicationScoped
public class AccountThrottle {

    /** What is being attempted; each kind has its own buckets. */
    public enum Kind {
        SIGN_IN, SIGN_UP, RESET
    }

    /** Beyond this many buckets, idle ones are dropped, so a spray of addresses cannot grow the heap. */
    static final int MAX_BUCKETS = 100_000;
    private static final String ADDRESS = "|address|";
    private static final String EMAIL = "|email|";

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ClientAddressResolver addresses;
    private final int perEmail;
    private final int perAddress;
    private final Duration period;

    @Inject
    public AccountThrottle(GatewayConfig config) {
        this(ClientAddressResolver.of(config.push()),
                config.accounts().throttle().perEmail(), config.accounts().throttle().perAddress(),
                config.accounts().throttle().period());
    }

    AccountThrottle(ClientAddressResolver addresses, int perEmail, int perAddress, Duration period) {
        this.addresses = addresses;
        this.perEmail = perEmail;
        this.perAddress = perAddress;
        this.period = period;
    }

    /** The client's address, behind trusted proxies as for pushes. */
    public String clientAddress(HttpServerRequest http) {
        return Objects.requireNonNullElse(addresses.resolve(http), "unknown");
    }

    /**
     * Counts one attempt for the client address and the email address.
     *
     * @param email as typed: throttled lower-cased, valid or not
     * @throws Throttled when either allowance is spent
     */
    public void attempt(Kind kind, String email, String clientAddress) {
        take(kind + ADDRESS + clientAddress, perAddress);
        if (email != null) {
            take(kind + EMAIL + email.trim().toLowerCase(Locale.ROOT), perEmail);
        }
    }

    private void take(String key, int capacity) {
        if (buckets.size() >= MAX_BUCKETS) {
            sweep();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new Throttled(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
        }
    }

    /**
     * Drops buckets that are full again (forgetting them changes nothing); if that is not enough, drops all: a
     * bounded heap is worth more than the attempts it forgets.
     */
    private void sweep() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens()
                >= (entry.getKey().contains(ADDRESS) ? perAddress : perEmail));
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear();
        }
    }
}
