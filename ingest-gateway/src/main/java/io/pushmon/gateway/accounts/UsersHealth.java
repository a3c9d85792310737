package io.pushmon.gateway.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The users cache in the gateway's health, as the other caches are (health package). */
@ApplicationScoped
public class UsersHealth {

    @Inject
    UserDirectory users;

    /** Ready once the cache has read its topic: before that, valid sessions and passwords would be refused. */
    @Produces
    @ApplicationScoped
    @Readiness
    HealthCheck caughtUp() {
        return () -> {
            boolean caughtUp = users.cache().isCaughtUp();
            return HealthCheckResponse.named("pushmon-gateway-users")
                    .withData(users.cache().topic().topicName(), caughtUp ? "caught up" : "catching up")
                    .status(caughtUp).build();
        };
    }

    /** Down if the cache's reading thread has died: sign-ins would see an ever older picture of the users. */
    @Produces
    @ApplicationScoped
    @Liveness
    HealthCheck reading() {
        return () -> HealthCheckResponse.named("pushmon-gateway-users-reader")
                .withData("users-unreadable-records", users.cache().unreadableRecords())
                .status(users.cache().isReading()).build();
    }
}
