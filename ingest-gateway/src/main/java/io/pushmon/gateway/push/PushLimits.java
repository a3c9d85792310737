package io.pushmon.gateway.push;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.directory.PushTarget;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.Plans;
import io.pushmon.gateway.tenants.Plans.Plan;

/**
 * What a tenant's plan and state allow a push: refused while the tenant is suspended, and at most the plan's rate
 * per monitor and per tenant (Bucket4j token buckets, refilled greedily, so the accepted rate is the plan's rate
 * after a burst of one bucket's capacity).
 *
 * <p>Each gateway holds its own buckets and takes {@code 1/pushmon.tenancy.gateways} of every rate: behind a
 * balancer that spreads requests evenly, the replicas together accept the plan's rate without talking to each
 * other on the push path. A balancer that pins a client to one replica gives that client only that replica's share.
 *
 * <p>Buckets exist only for monitors and tenants that pushed lately: a sweep drops the full ones, which are exactly
 * those that would allow a whole burst anyway.
 */
@Singleton
public class PushLimits {

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** A rate of Integer.MAX_VALUE is no limit: no bucket is kept or checked for it. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    private final TenantDirectory tenants;
    private final Plans plans;
    private final int gateways;
    private final Map<String, Limited> byMonitor = new ConcurrentHashMap<>();
    private final Map<String, Limited> byTenant = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pushmon-push-limits-sweep");
        thread.setDaemon(true);
        return thread;
    });

    /** A bucket and the rate it was made for, so a plan change gives a new bucket. */
    private record Limited(int rate, long capacity, Bucket bucket) {
    }

    @Inject
    public PushLimits(TenantDirectory tenants, Plans plans, GatewayConfig config) {
        this.tenants = tenants;
        this.plans = plans;
        this.gateways = Math.max(1, config.tenancy().gateways());
        long every = SWEEP_EVERY.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes one push from the monitor's and the tenant's budget.
     *
     * @return the tenant's plan, whose body limit applies to the push
     * @throws ApiException 403 while the tenant is suspended, 429 with Retry-After beyond a rate
     */
    public Plan admit(PushTarget target) {
        TenantDefinition tenant = target.tenantId() == null ? null : tenants.find(target.tenantId()).orElse(null);
        if (tenant != null && tenant.suspended()) {
            throw ApiException.forbidden("this account is suspended: pushes are not recorded");
        }
        Plan plan = plans.of(tenant);
        Limited monitor = null;
        if (plan.monitorPushesPerMinute() != UNLIMITED) {
            monitor = bucket(byMonitor, target.monitorId(), plan.monitorPushesPerMinute(), Duration.ofMinutes(1));
            ConsumptionProbe probe = monitor.bucket().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw ApiException.tooManyRequests("too many pushes for this monitor: its plan accepts "
                        + plan.monitorPushesPerMinute() + " per minute", seconds(probe));
            }
        }
        if (target.tenantId() != null && plan.tenantPushesPerSecond() != UNLIMITED) {
            Limited all = bucket(byTenant, target.tenantId(), plan.tenantPushesPerSecond(), Duration.ofSeconds(1));
            ConsumptionProbe probe = all.bucket().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                if (monitor != null) {
                    // The monitor did not push after all: its budget is not spent on a refused push.
                    monitor.bucket().addTokens(1);
                }
                throw ApiException.tooManyRequests("too many pushes for this account: its plan accepts "
                        + plan.tenantPushesPerSecond() + " per second over all monitors", seconds(probe));
            }
        }
        return plan;
    }

    /** The body limit of the tenant's plan, without spending any budget. */
    public int bodyLimit(String tenantId) {
        return plans.of(tenantId == null ? null : tenants.find(tenantId).orElse(null)).bodyLimit();
    }

    private Limited bucket(Map<String, Limited> buckets, String key, int rate, Duration period) {
        Limited limited = buckets.get(key);
        if (limited != null && limited.rate() == rate) {
            return limited;
        }
        return buckets.compute(key, (k, current) -> current != null && current.rate() == rate ? current
                : newBucket(rate, period));
    }

    /** This gateway's share of {@code rate} per {@code period}: the full rate refilled over gateways periods. */
    private Limited newBucket(int rate, Duration period) {
        long capacity = Math.max(1, ((long) rate + gateways - 1) / gateways);
        Bucket bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(rate, period.multipliedBy(gateways)))
                .build();
        return new Limited(rate, capacity, bucket);
    }

    private static long seconds(ConsumptionProbe probe) {
        return TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + TimeUnit.SECONDS.toNanos(1) - 1);
    }

    /** Buckets currently held, for tests and metrics. */
    int heldBuckets() {
        return byMonitor.size() + byTenant.size();
    }

    void sweep() {
        byMonitor.values().removeIf(limited -> limited.bucket().getAvailableTokens() >= limited.capacity());
        byTenant.values().removeIf(limited -> limited.bucket().getAvailableTokens() >= limited.capacity());
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
