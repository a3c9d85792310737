package io.pushmon.gateway.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.pushmon.common.model.AuditEntry;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.push.ClientAddressResolver;
import io.pushmon.gateway.tenants.ApiKeyFilter;
import io.pushmon.gateway.tenants.CallerTenant;
import io.vertx.core.http.HttpServerRequest;

/**
 * Writes an audit entry for every management change that succeeded: any request other than a read to {@code /api}
 * (pushes and pings are heartbeats, not changes, and live outside it) or to {@code /operator}. One filter for all
 * of them, so a new endpoint is audited without anyone remembering to.
 */
public class AuditFilter {

    /** The actor of every change made through the operator API. */
    static final String OPERATOR = "operator";

    @Inject
    AuditLog log;

    @Inject
    CallerTenant caller;

    @Inject
    GatewayConfig config;

    private final Clock clock = Clock.systemUTC();
    private ClientAddressResolver addresses;

    @PostConstruct
    void init() {
        addresses = ClientAddressResolver.of(config.push());
    }

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        boolean operator = path.startsWith("/operator/");
        if (ApiKeyFilter.isRead(request.getMethod()) || response.getStatus() >= 400
                || !(operator || path.startsWith("/api/"))) {
            return;
        }
        String pathId = request.getUriInfo().getPathParameters().getFirst("id");
        String createdId = response.getEntity() instanceof Audited audited ? audited.id() : null;
        String tenantId;
        String actor;
        if (operator) {
            tenantId = pathId != null ? pathId : createdId;
            actor = OPERATOR;
        } else if (caller.authenticated()) {
            tenantId = caller.tenantId();
            actor = caller.actor();
        } else {
            return;
        }
        if (tenantId == null) {
            return;
        }
        String targetId = operator ? tenantId : pathId != null ? pathId : createdId;
        log.record(new AuditEntry(UUID.randomUUID().toString(), tenantId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), actor, request.getMethod() + " " + path, targetId,
                response.getStatus(), addresses.resolve(http)));
    }
}
