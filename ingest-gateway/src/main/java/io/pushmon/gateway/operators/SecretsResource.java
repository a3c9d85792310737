package io.pushmon.gateway.operators;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.gateway.channels.ChannelService;
import io.pushmon.gateway.channels.ChannelService.KeyReport;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code /operator/secrets}: the keys channel credentials are encrypted with (pushmon.secrets.keys), for key
 * rotation. Answers carry key ids and counts, never key material or credentials.
 */
@Path("/operator/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator", description = "Tenants and plans (operator key only)")
@OperatorEndpoint
@Blocking
public class SecretsResource {

    @Inject
    ChannelService channels;

    @GET
    @Operation(summary = "Which keys the stored channels are encrypted with", description = "channelsByKey counts "
            + "channels per key id (and 'plaintext' for ones written before encryption); a key with no channels "
            + "left can be removed from pushmon.secrets.keys.")
    public KeyReport report() {
        return channels.keyReport();
    }

    @POST
    @Path("/re-encrypt")
    @Operation(summary = "Re-encrypt every channel under the current key", description = "Rewrites each channel "
            + "stored under an older key or in plaintext; channels this gateway cannot decrypt are listed in "
            + "unreadable and left as they are. Safe to repeat.")
    public KeyReport reEncrypt() {
        return channels.reEncrypt();
    }
}
