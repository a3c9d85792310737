package io.pushmon.gateway.badges;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.Role;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.tenants.CallerTenant;
import io.pushmon.gateway.tenants.RequiresRole;
import io.pushmon.gateway.tenants.TenantService;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/badges}: the caller's tenant's badge URLs, and a new badge key. The key only shows status, so any
 * member may read the URLs; replacing it breaks every badge embedded anywhere, so that takes an admin.
 */
@Path("/api/badges")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "badges")
@SecurityRequirement(name = "apiKey")
@Blocking
public class BadgeApiResource {

    /**
     * A tenant's badges.
     *
     * @param badgeKey the key in every URL; anyone with a URL sees that badge
     * @param all      the badge of all its monitors
     * @param monitors one per monitor, sorted by name
     * @param tags     one per tag its monitors have, sorted
     */
    public record BadgesView(String badgeKey, Urls all, List<MonitorBadge> monitors, List<TagBadge> tags) {
    }

    /**
     * One badge in its three formats; {@code ?states=2} on any of them shows paused as up.
     *
     * @param svg     a flat badge
     * @param json    {@code {"status", "total", "down", "paused"}}
     * @param shields shields.io's endpoint format, for {@code https://img.shields.io/endpoint?url=...}
     */
    public record Urls(String svg, String json, String shields) {

        static Urls of(String base) {
            return new Urls(base + ".svg", base + ".json", base + ".shields");
        }
    }

    public record MonitorBadge(String id, String name, @JsonUnwrapped Urls urls) {
    }

    public record TagBadge(String tag, @JsonUnwrapped Urls urls) {
    }

    @Inject
    TenantService tenants;

    @Inject
    MonitorService monitors;

    @Inject
    CallerTenant caller;

    @Inject
    GatewayConfig config;

    @GET
    @Operation(summary = "The tenant's badge URLs", description = "One per monitor, one per tag and one for all. The "
            + "first call makes the tenant's badge key.")
    public BadgesView list() {
        return view(tenants.badgeKey(caller.tenantId()));
    }

    @POST
    @Path("/key")
    @Consumes(MediaType.WILDCARD)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Replace the badge key", description = "Badge URLs with the previous key answer 404 at once; "
            + "the answer lists the new ones.")
    @APIResponse(responseCode = "403", description = "Below admin")
    public BadgesView rotate() {
        return view(tenants.rotateBadgeKey(caller.tenantId()));
    }

    private BadgesView view(String badgeKey) {
        String base = GatewayConfig.base(config.publicUrl()) + "/badge/" + badgeKey + "/";
        List<MonitorDefinition> all = monitors.list(caller.tenantId());
        return new BadgesView(badgeKey, Urls.of(base + Badges.ALL),
                all.stream().map(m -> new MonitorBadge(m.id(), m.name(), Urls.of(base + m.id()))).toList(),
                Badges.tagsOf(all).stream().map(tag -> new TagBadge(tag, Urls.of(base + tag))).toList());
    }
}
