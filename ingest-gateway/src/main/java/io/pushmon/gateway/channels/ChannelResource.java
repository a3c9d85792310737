package io.pushmon.gateway.channels;

import java.net.URI;
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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.pushmon.gateway.status.InternalServices;
import io.pushmon.gateway.tenants.CallerTenant;
import io.smallrye.common.annotation.Blocking;

/** {@code /api/channels}: where the caller's tenant's alerts go. */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "channels", description = "Notification channels (webhook, slack, discord, teams, telegram, ntfy, "
        + "pagerduty, email) of the caller's tenant")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No valid API key")
@APIResponse(responseCode = "403", description = "A read-only key tried to change something")
@Blocking
public class ChannelResource {

    @Inject
    ChannelService channels;

    @Inject
    CallerTenant caller;

    @Inject
    InternalServices services;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a channel", description = "Body: name, type and the settings of that type as "
            + "fields, e.g. {\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"https://example.org/hook\"}. A webhook's "
            + "signing secret is in this answer only.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid body; the message names the setting")
    public Response create(JsonNode body) {
        ChannelView created = ChannelView.of(channels.create(caller.tenantId(), ChannelRequest.parse(body)), true);
        return Response.created(URI.create("/api/channels/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List channels", description = "Secret settings are masked.")
    public List<ChannelView> list() {
        return channels.list(caller.tenantId()).stream().map(c -> ChannelView.of(c, false)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a channel", description = "Secret settings are masked.")
    @APIResponse(responseCode = "404", description = "No such channel in the caller's tenant")
    public ChannelView get(@PathParam("id") String id) {
        return ChannelView.of(channels.get(caller.tenantId(), id), false);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a channel's name and settings", description = "The type and signing secret stay; "
            + "a secret setting sent back as masked keeps its value.")
    @APIResponse(responseCode = "404", description = "No such channel in the caller's tenant")
    public ChannelView replace(@PathParam("id") String id, JsonNode body) {
        return ChannelView.of(channels.replace(caller.tenantId(), id, ChannelRequest.parse(body)), false);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a channel")
    @APIResponse(responseCode = "404", description = "No such channel in the caller's tenant")
    @APIResponse(responseCode = "409", description = "Monitors still notify this channel")
    public void delete(@PathParam("id") String id) {
        channels.delete(caller.tenantId(), id);
    }

    @POST
    @Path("/{id}/secret")
    @Operation(summary = "Rotate a webhook's signing secret", description = "The new secret is in this answer only.")
    public ChannelView rotateSecret(@PathParam("id") String id) {
        return ChannelView.of(channels.rotateSecret(caller.tenantId(), id), true);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a test notification", description = "Sends now through the dispatcher and answers "
            + "{ok, statusCode, error} with the receiver's outcome.")
    @APIResponse(responseCode = "503", description = "The dispatcher is not reachable; see Retry-After")
    public Response test(@PathParam("id") String id) {
        return services.dispatcher().post("/internal/channels/" + channels.get(caller.tenantId(), id).id() + "/test",
                services.testTimeout());
    }
}
