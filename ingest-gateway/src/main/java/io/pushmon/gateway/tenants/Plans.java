package io.pushmon.gateway.tenants;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.GatewayConfig;

/**
 * The plans of {@code pushmon.plans.*}, resolved once at boot. Every gateway must be configured with the same
 * plans: each enforces them on its own (counts against its copy of the directories, rates on its share).
 */
@Singleton
public class Plans {

    /**
     * One plan's limits.
     *
     * @param name                   the plan's name, as operators assign it
     * @param maxMonitors            monitors a tenant may have
     * @param maxChannels            notification channels a tenant may have
     * @param monitorPushesPerMinute pushes per minute accepted for one monitor
     * @param tenantPushesPerSecond  pushes per second accepted for all of a tenant's monitors
     * @param historyRetention       how far back history is shown
     * @param bodyLimit              bytes of a job's output kept with its heartbeat
     */
    public record Plan(String name, int maxMonitors, int maxChannels, int monitorPushesPerMinute,
            int tenantPushesPerSecond, Duration historyRetention, int bodyLimit) {
    }

    private final Map<String, Plan> plans = new TreeMap<>();
    private final Plan defaultPlan;
    private final Plan newTenantPlan;

    @Inject
    public Plans(GatewayConfig config) {
        config.plans().forEach((name, plan) -> plans.put(name, new Plan(name, plan.maxMonitors(), plan.maxChannels(),
                plan.monitorPushesPerMinute(), plan.tenantPushesPerSecond(), plan.historyRetention(),
                plan.bodyLimit())));
        plans.values().forEach(Plans::check);
        defaultPlan = configured("default-plan", config.tenancy().defaultPlan());
        newTenantPlan = configured("new-tenant-plan", config.tenancy().newTenantPlan());
    }

    private Plan configured(String property, String name) {
        Plan plan = plans.get(name);
        if (plan == null) {
            throw new IllegalStateException("pushmon.tenancy." + property + " names plan '" + name
                    + "', which pushmon.plans does not define (defined: " + plans.keySet() + ")");
        }
        return plan;
    }

    /** The tenant's plan; the default plan for a tenant with none or with one no longer configured. */
    public Plan of(TenantDefinition tenant) {
        return tenant == null || tenant.plan() == null ? defaultPlan : plans.getOrDefault(tenant.plan(), defaultPlan);
    }

    public Optional<Plan> named(String name) {
        return Optional.ofNullable(name == null ? null : plans.get(name));
    }

    public Plan defaultPlan() {
        return defaultPlan;
    }

    /** The plan of a new tenant whose creation names none. */
    public Plan newTenantPlan() {
        return newTenantPlan;
    }

    /** Every plan, by name. */
    public Collection<Plan> all() {
        return plans.values();
    }

    private static void check(Plan plan) {
        if (plan.maxMonitors() < 0 || plan.maxChannels() < 0 || plan.monitorPushesPerMinute() < 1
                || plan.tenantPushesPerSecond() < 1 || plan.bodyLimit() < 0 || plan.historyRetention().isNegative()) {
            throw new IllegalStateException("plan '" + plan.name() + "' has a negative limit or a rate below 1: "
                    + plan);
        }
    }
}
