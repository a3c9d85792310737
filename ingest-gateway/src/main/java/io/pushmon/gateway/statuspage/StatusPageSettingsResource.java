package io.pushmon.gateway.statuspage;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.common.model.Role;
import io.pushmon.common.model.TenantDefinition.StatusPage;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.tenants.CallerTenant;
import io.pushmon.gateway.tenants.RequiresRole;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/status-page}: the settings of the caller's tenant's public status page. Publishing monitors to the
 * internet is the tenant's decision, so changing them takes an admin; any member may read them.
 */
@Path("/api/status-page")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "status page", description = "The tenant's public status page")
@SecurityRequirement(name = "apiKey")
@Blocking
public class StatusPageSettingsResource {

    /**
     * The settings, and where the page is once enabled.
     *
     * @param url     the HTML page, {@code /status/{slug}}; absent without a slug
     * @param jsonUrl the same as JSON, {@code /status/{slug}.json}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SettingsView(boolean enabled, String slug, String title, List<String> monitorIds, String url,
            String jsonUrl) {
    }

    @Inject
    StatusPageSettings settings;

    @Inject
    CallerTenant caller;

    @Inject
    GatewayConfig config;

    @GET
    @Operation(summary = "The status page settings", description = "Off, without slug or monitors, until set.")
    public SettingsView get() {
        return view(settings.get(caller.tenantId()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    @Operation(summary = "Replace the status page settings", description = "{enabled, slug, title, monitorIds}; "
            + "an omitted field goes back to its default (off, no title, no monitors).")
    @APIResponse(responseCode = "400", description = "A field is wrong; the message names it")
    @APIResponse(responseCode = "403", description = "Below admin")
    @APIResponse(responseCode = "409", description = "Another tenant's status page has the slug")
    public SettingsView replace(@NotNull(message = "a JSON body is required") StatusPageRequest request) {
        return view(settings.replace(caller.tenantId(), request));
    }

    private SettingsView view(StatusPage page) {
        String base = page.slug() == null ? null : GatewayConfig.base(config.publicUrl()) + "/status/" + page.slug();
        return new SettingsView(page.enabled(), page.slug(), page.title(), page.monitorIds(), base,
                base == null ? null : base + ".json");
    }
}
