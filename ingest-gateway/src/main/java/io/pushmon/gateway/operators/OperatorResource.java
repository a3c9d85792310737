package io.pushmon.gateway.operators;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.pushmon.common.model.TenantDefinition;
import io.pushmon.gateway.audit.Audited;
import io.pushmon.gateway.directory.ChannelDirectory;
import io.pushmon.gateway.directory.MonitorDirectory;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.NewApiKey;
import io.pushmon.gateway.tenants.Plans;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /operator}: tenants and plans, for the people who run pushmon. Authenticated with the operator key
 * ({@link OperatorFilter}); no tenant key reaches it. Keep /operator off the public ingress where possible.
 */
@Path("/operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator", description = "Tenants and plans (operator key only)")
@OperatorEndpoint
@Blocking
public class OperatorResource {

    private static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{1,39}";

    @Inject
    TenantAdmin admin;

    @Inject
    Plans plans;

    @Inject
    MonitorDirectory monitors;

    @Inject
    ChannelDirectory channels;

    /**
     * The body of {@code POST /operator/tenants}.
     *
     * @param id   2..40 characters of a-z, 0-9 and '-'; generated when absent
     * @param name 1..100 characters
     * @param plan a plan's name; the default plan when absent
     */
    public record TenantRequest(String id, String name, String plan) {
    }

    /** The body of {@code PUT /operator/tenants/{id}/plan}. */
    public record PlanRequest(String plan) {
    }

    /**
     * A tenant as operators see it.
     *
     * @param plan         the plan in force (the default plan when none is assigned)
     * @param planAssigned the plan assigned, null when the tenant follows the default
     */
    public record TenantView(String id, String name, String plan, String planAssigned, boolean suspended,
            Instant createdAt, int monitors, int channels, int apiKeys, boolean pingKey) implements Audited {
    }

    /** A tenant just created, with its first read-write API key (shown only here). */
    public record CreatedTenantView(String id, TenantView tenant, NewApiKey apiKey) implements Audited {
    }

    /** A plan and its limits. */
    public record PlanView(String name, int maxMonitors, int maxChannels, int monitorPushesPerMinute,
            int tenantPushesPerSecond, long historyRetentionSeconds, int bodyLimit, boolean isDefault) {
    }

    @POST
    @Path("/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a tenant", description = "Answers with its first read-write API key, shown once.")
    public CreatedTenantView create(TenantRequest request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw ApiException.badRequest("name is required, 1 to 100 characters");
        }
        if (request.id() != null && !request.id().matches(ID_PATTERN)) {
            throw ApiException.badRequest("id must be 2 to 40 characters of a-z, 0-9 and '-', starting with a letter "
                    + "or digit");
        }
        var created = admin.create(request.id(), request.name().trim(), request.plan());
        return new CreatedTenantView(created.tenant().id(), view(created.tenant()), created.apiKey());
    }

    @GET
    @Path("/tenants")
    @Operation(summary = "List tenants")
    public List<TenantView> list() {
        return admin.list().stream().map(this::view).toList();
    }

    @GET
    @Path("/tenants/{id}")
    @Operation(summary = "One tenant")
    public TenantView get(@PathParam("id") String id) {
        return view(admin.get(id));
    }

    @PUT
    @Path("/tenants/{id}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a plan", description = "{\"plan\": null} returns the tenant to the default plan. "
            + "Rates apply at once; counts above a new lower limit stay, but nothing more can be created.")
    public TenantView assignPlan(@PathParam("id") String id, PlanRequest request) {
        return view(admin.assignPlan(id, request == null ? null : request.plan()));
    }

    @POST
    @Path("/tenants/{id}/suspend")
    @Operation(summary = "Suspend a tenant", description = "Its pushes answer 403 and are not recorded, its monitors "
            + "raise no alerts (the processor holds them like paused ones), its keys can read but not change.")
    public TenantView suspend(@PathParam("id") String id) {
        return view(admin.suspend(id));
    }

    @POST
    @Path("/tenants/{id}/resume")
    @Operation(summary = "Resume a suspended tenant", description = "Deadlines re-arm from now, as after a pause.")
    public TenantView resume(@PathParam("id") String id) {
        return view(admin.resume(id));
    }

    @DELETE
    @Path("/tenants/{id}")
    @Operation(summary = "Delete a tenant and everything it owns", description = "Monitors, channels, keys and the "
            + "processor's state of its monitors are removed (tombstones on the compacted topics).")
    public TenantAdmin.Purge delete(@PathParam("id") String id) {
        return admin.delete(id);
    }

    @GET
    @Path("/plans")
    @Operation(summary = "The configured plans")
    public List<PlanView> plans() {
        String defaultName = plans.defaultPlan().name();
        return plans.all().stream().map(p -> new PlanView(p.name(), p.maxMonitors(), p.maxChannels(),
                p.monitorPushesPerMinute(), p.tenantPushesPerSecond(), p.historyRetention().toSeconds(),
                p.bodyLimit(), p.name().equals(defaultName))).toList();
    }

    private TenantView view(TenantDefinition tenant) {
        return new TenantView(tenant.id(), tenant.name(), plans.of(tenant).name(), tenant.plan(), tenant.suspended(),
                tenant.createdAt(), monitors.countForTenant(tenant.id()), channels.forTenant(tenant.id()).size(),
                tenant.apiKeys().size(), tenant.pingKey() != null);
    }
}
