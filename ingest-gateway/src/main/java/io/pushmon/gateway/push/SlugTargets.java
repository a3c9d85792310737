package io.pushmon.gateway.push;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.Slugs;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.directory.PushTarget;
import io.pushmon.gateway.directory.TenantDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.monitors.MonitorRequest;
import io.pushmon.gateway.monitors.MonitorService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Finds the monitor of a slug ping URL, {@code /ping/{pingKey}/{slug}}, and with {@code ?create=1} makes it on first
 * use, as Healthchecks does: named after the slug, expecting a ping a day with an hour of grace. A lookup is in memory
 * like a token's; only a creation writes, and it does so on a worker thread, never on the event loop.
 */
@Singleton
public class SlugTargets {

    /** Healthchecks' defaults for a check made by a ping. */
    static final long CREATED_TIMEOUT_SECONDS = 24 * 3600;
    static final long CREATED_GRACE_SECONDS = 3600;

    /** A slug's monitor, and whether this ping made it. */
    public record Resolved(PushTarget target, boolean created) {
    }

    private final TenantDirectory tenants;
    private final MonitorDirectory monitors;
    private final MonitorService service;
    private final Object[] locks = new Object[64];

    @Inject
    public SlugTargets(TenantDirectory tenants, MonitorDirectory monitors, MonitorService service) {
        this.tenants = tenants;
        this.monitors = monitors;
        this.service = service;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * @throws ApiException at once for an unknown ping key, a slug no monitor can have, several monitors with the slug
     *                      (409), or none without {@code create}; the stage fails with one when a creation is refused
     */
    public CompletionStage<Resolved> resolve(String pingKey, String slug, boolean create) {
        Optional<TenantDefinition> tenant = PingKeys.hasShape(pingKey) ? tenants.findByPingKey(pingKey)
                : Optional.empty();
        if (tenant.isEmpty() || !Slugs.isSlug(slug)) {
            throw ApiException.notFound("not found");
        }
        if (tenant.get().suspended()) {
            throw ApiException.forbidden("this account is suspended: pushes are not recorded");
        }
        String tenantId = tenant.get().id();
        List<PushTarget> targets = monitors.pushTargetsBySlug(tenantId, slug);
        if (targets.size() > 1) {
            throw ApiException.conflict("ambiguous slug");
        }
        if (!targets.isEmpty()) {
            return CompletableFuture.completedFuture(new Resolved(targets.get(0), false));
        }
        if (!create) {
            throw ApiException.notFound("not found");
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            return CompletableFuture.completedFuture(provision(tenantId, slug));
        }
        return context.<Resolved>executeBlocking(() -> provision(tenantId, slug), false).toCompletionStage();
    }

    /**
     * One creation per tenant and slug at a time in this gateway, checked again under the lock, so two first pings
     * racing each other do not make the slug ambiguous. Two gateways can still race: see the README's known limits.
     */
    private Resolved provision(String tenantId, String slug) {
        synchronized (locks[Math.floorMod((tenantId + '\n' + slug).hashCode(), locks.length)]) {
            List<PushTarget> targets = monitors.pushTargetsBySlug(tenantId, slug);
            if (!targets.isEmpty()) {
                return new Resolved(targets.get(0), false);
            }
            var monitor = service.create(tenantId, new MonitorRequest(slug, CREATED_TIMEOUT_SECONDS, null, null,
                    CREATED_GRACE_SECONDS, List.of(), null, null));
            return new Resolved(PushTarget.of(monitor), true);
        }
    }
}
