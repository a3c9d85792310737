package io.pushmon.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.pushmon.gateway.directory.CompactedTopicCache;
import io.pushmon.gateway.directory.Directories;

/** Down if a cache's reading thread has died: the gateway would serve an ever older picture of the topics. */
@Liveness
@ApplicationScoped
public class GatewayLiveness implements HealthCheck {

    @Inject
    Directories directories;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("pushmon-gateway-cache-readers");
        boolean alive = true;
        for (CompactedTopicCache<?> cache : directories.caches()) {
            response.withData(cache.topic().topicName() + "-unreadable-records", cache.unreadableRecords());
            alive &= cache.isReading();
        }
        return response.status(alive).build();
    }
}
