package io.pushmon.gateway.tenants;

import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.gateway.directory.ChannelDirectory;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.Plans.Plan;

/**
 * The counts a plan allows: monitors and channels per tenant, checked against this gateway's directories before a
 * create is written. Creates of one tenant are serialised within a gateway, so one gateway never goes past a limit;
 * two gateways creating for the same tenant in the same instant can each take the last place (the directories
 * learn of the other's write within milliseconds), which the README lists under known limits.
 */
@Singleton
public class TenantQuotas {

    private static final int STRIPES = 64;

    private final TenantDirectory tenants;
    private final MonitorDirectory monitors;
    private final ChannelDirectory channels;
    private final Plans plans;
    private final Object[] locks = new Object[STRIPES];

    @Inject
    public TenantQuotas(TenantDirectory tenants, MonitorDirectory monitors, ChannelDirectory channels, Plans plans) {
        this.tenants = tenants;
        this.monitors = monitors;
        this.channels = channels;
        this.plans = plans;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Runs {@code create} if the tenant's plan has room for one more monitor.
     *
     * @throws ApiException 403 naming the limit when it has none
     */
    public <T> T withRoomForMonitor(String tenantId, Supplier<T> create) {
        return withRoom(tenantId, () -> monitors.countForTenant(tenantId), Plan::maxMonitors, "monitors",
                "maxMonitors", create);
    }

    /** As {@link #withRoomForMonitor}, for notification channels. */
    public <T> T withRoomForChannel(String tenantId, Supplier<T> create) {
        return withRoom(tenantId, () -> channels.forTenant(tenantId).size(), Plan::maxChannels,
                "notification channels", "maxChannels", create);
    }

    private <T> T withRoom(String tenantId, IntSupplier count, ToIntFunction<Plan> limitOf, String what,
            String limitName, Supplier<T> create) {
        synchronized (lock(tenantId)) {
            Plan plan = plan(tenantId);
            int limit = limitOf.applyAsInt(plan);
            if (count.getAsInt() >= limit) {
                throw ApiException.forbidden("limit reached: the plan '" + plan.name() + "' allows " + limit + " "
                        + what + " (" + limitName + ")");
            }
            return create.get();
        }
    }

    /** The plan of the tenant, as the limits see it. */
    public Plan plan(String tenantId) {
        return plans.of(tenants.find(tenantId).orElse(null));
    }

    private Object lock(String tenantId) {
        return locks[Math.floorMod(tenantId.hashCode(), STRIPES)];
    }
}
