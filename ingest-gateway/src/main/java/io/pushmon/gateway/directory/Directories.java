package io.pushmon.gateway.directory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.gateway.maintenance.MaintenanceDirectory;

/** The gateway's copies of the compacted topics, started and watched together. */
@ApplicationScoped
public class Directories {

    private final List<CompactedTopicCache<?>> caches;
    private final TenantDirectory tenants;

    @Inject
    public Directories(MonitorDirectory monitors, TenantDirectory tenants, ChannelDirectory channels,
            MaintenanceDirectory maintenance) {
        this.tenants = tenants;
        this.caches = List.of(monitors.cache(), tenants.cache(), channels.cache(), maintenance.cache());
    }

    public void start() {
        caches.forEach(CompactedTopicCache::start);
    }

    public List<CompactedTopicCache<?>> caches() {
        return caches;
    }

    /** Completes once the tenants cache caught up: before that, "no such tenant" may just be "not read yet". */
    public CompletionStage<Void> tenantsCaughtUp() {
        return tenants.cache().caughtUp();
    }

    /** Completes once every cache caught up. */
    public CompletionStage<Void> allCaughtUp() {
        return CompletableFuture.allOf(caches.stream().map(cache -> cache.caughtUp().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }
}
