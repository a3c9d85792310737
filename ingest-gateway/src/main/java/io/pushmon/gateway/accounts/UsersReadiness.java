package io.pushmon.gateway.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the users cache has read its topic: before that, valid sessions and passwords would be refused. */
@Readiness
@ApplicationScoped
public class UsersReadiness implements HealthCheck {

    @Inject
    UserDirectory users;

    @Override
    public HealthCheckResponse call() {
        boolean caughtUp = users.cache().isCaughtUp();
        return HealthCheckResponse.named("pushmon-gateway-users")
                .withData(users.cache().topic().topicName(), caughtUp ? "caught up" : "catching up")
                .status(caughtUp).build();
    }
}
