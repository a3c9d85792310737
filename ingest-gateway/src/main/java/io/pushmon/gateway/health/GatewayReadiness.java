package io.pushmon.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.pushmon.gateway.directory.CompactedTopicCache;
import io.pushmon.gateway.directory.Directories;
import io.pushmon.gateway.tenants.DefaultTenantBootstrap;

/**
 * Ready once every cache has read its topic up to where it ended at startup, and the configured API key is
 * in place. Before that the gateway would answer 404 to valid push tokens and 401 to valid keys.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    @Inject
    Directories directories;

    @Inject
    DefaultTenantBootstrap defaultTenant;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("pushmon-gateway-caches");
        boolean ready = defaultTenant.isDone();
        for (CompactedTopicCache<?> cache : directories.caches()) {
            response.withData(cache.topic().topicName(), cache.isCaughtUp() ? "caught up" : "catching up");
            ready &= cache.isCaughtUp();
        }
        response.withData("default-api-key", defaultTenant.isDone() ? "in place" : "pending");
        return response.status(ready).build();
    }
}
