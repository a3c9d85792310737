package io.pushmon.dispatcher.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Health of the delivery pipeline on {@code /q/health}. */
public final class DispatcherHealth {

    private DispatcherHealth() {
    }

    private static HealthCheckResponse response(String name, boolean up, DispatcherLifecycle lifecycle) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(up);
        lifecycle.details().forEach((key, value) -> builder.withData(key, String.valueOf(value)));
        return builder.build();
    }

    /** Ready once channels and the delivery log are read and the event consumer joined its group. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Inject
        DispatcherLifecycle lifecycle;

        @Override
        public HealthCheckResponse call() {
            return response("dispatcher", lifecycle.ready(), lifecycle);
        }
    }

    /** Down when a consumer stopped because it could not write a delivery's outcome: restart the instance. */
    @Liveness
    @ApplicationScoped
    public static class Alive implements HealthCheck {
        @Inject
        DispatcherLifecycle lifecycle;

        @Override
        public HealthCheckResponse call() {
            return response("dispatcher", lifecycle.alive(), lifecycle);
        }
    }
}
