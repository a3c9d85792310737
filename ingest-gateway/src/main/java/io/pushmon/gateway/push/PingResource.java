package io.pushmon.gateway.push;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.common.kafka.KafkaUnavailableException;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.Plans;
import io.pushmon.gateway.tenants.PublicEndpoint;
import io.vertx.core.http.HttpServerRequest;

/**
 * Healthchecks' ping URLs, {@code /ping/{token}[/start|/fail|/log|/{exit-status}]} and the slug form
 * {@code /ping/{pingKey}/{slug}[/...]}, answered as Healthchecks answers them (text/plain {@code OK}, {@code Created},
 * {@code not found}, ...), so a script moved from Healthchecks works with only the host changed. The push path behind
 * them is the one of {@code /api/push} (PushService), on the event loop.
 *
 * <p>{@code /ping/a/b} is either a token and a signal or a ping key and a slug. The first segment's shape tells them
 * apart: push tokens are 32 characters or a UUID, ping keys 22.
 */
@Path("/ping/{token}")
@APIResponses({
    @APIResponse(responseCode = "200", description = "Recorded: Kafka acknowledged the signal (also for a paused "
            + "monitor, as Healthchecks answers).",
            headers = @Header(name = PingResource.BODY_LIMIT_HEADER, description = "Bytes of a body that are kept",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.TEXT_PLAIN, example = "OK")),
    @APIResponse(responseCode = "201", description = "A slug ping with ?create=1 made the monitor and recorded the "
            + "signal.", content = @Content(mediaType = MediaType.TEXT_PLAIN, example = "Created")),
    @APIResponse(responseCode = "409", description = "Several monitors of the tenant have this slug (ambiguous slug).",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, example = "ambiguous slug")),
    @APIResponse(responseCode = "400", description = "An exit status above 255 (invalid url format) or a rid that is "
            + "no UUID (invalid uuid format).", content = @Content(mediaType = MediaType.TEXT_PLAIN)),
    @APIResponse(responseCode = "404", description = "No monitor has this token, or the path is no ping URL.",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, example = "not found")),
    @APIResponse(responseCode = "403", description = "The monitor's account is suspended; nothing is recorded.",
            content = @Content(mediaType = MediaType.TEXT_PLAIN)),
    @APIResponse(responseCode = "429", description = "Beyond the plan's push rate for this monitor or this account. "
            + "Retry after the Retry-After seconds.",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.TEXT_PLAIN)),
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; nothing is known to be "
            + "recorded. Retry after the Retry-After seconds.",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
})
@PublicEndpoint
@Produces(MediaType.TEXT_PLAIN)
@Tag(name = "ping", description = "Healthchecks-compatible pings")
public class PingResource {

    /** Healthchecks' header telling a client how much of its body is kept. */
    static final String BODY_LIMIT_HEADER = "Ping-Body-Limit";
    private static final String TOKEN_DOC = "The monitor's push token (a Healthchecks UUID kept on import, or "
            + "pushmon's 32 characters)";
    private static final String SIGNAL_DOC = "start, fail, log, or an exit status 0..255 (0 is a success)";

    private final PushService pushes;
    /** Refusals name no monitor, so they carry the default plan's limit. */
    private final int defaultBodyLimit;
    private final String retryAfterSeconds;

    @Inject
    public PingResource(PushService pushes, Plans plans, GatewayConfig config) {
        this.pushes = pushes;
        this.defaultBodyLimit = plans.defaultPlan().bodyLimit();
        this.retryAfterSeconds = String.valueOf(Math.max(1, config.push().retryAfter().toSeconds()));
    }

    @GET
    @Operation(summary = "Success", description = "The job ran and succeeded; ends the run its start opened.")
    @Parameter(name = "token", in = ParameterIn.PATH, required = true, description = TOKEN_DOC)
    @Parameter(name = "rid", in = ParameterIn.QUERY, description = "Run id (UUID) of the start this ends")
    public CompletionStage<Response> get(@PathParam("token") String token, @Context HttpServerRequest http) {
        return answer(PushRequest.of(PushRequest.Dialect.PING, token, null, null, http, null, null));
    }

    @HEAD
    @Operation(summary = "Success", description = "As GET.")
    public CompletionStage<Response> head(@PathParam("token") String token, @Context HttpServerRequest http) {
        return answer(PushRequest.of(PushRequest.Dialect.PING, token, null, null, http, null, null));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Success with output", description = "As GET; the body is kept as the run's output, up to "
            + "Ping-Body-Limit bytes.")
    public CompletionStage<Response> post(@PathParam("token") String token, @Context HttpServerRequest http,
            byte[] body) {
        return answer(PushRequest.of(PushRequest.Dialect.PING, token, null, null, http, null, body));
    }

    @GET
    @Path("{signal}")
    @Operation(summary = "Start, failure, log or exit status")
    @Parameter(name = "signal", in = ParameterIn.PATH, required = true, description = SIGNAL_DOC
            + "; or, after a ping key, the monitor's slug (a success)")
    public CompletionStage<Response> signal(@PathParam("token") String token, @PathParam("signal") String signal,
            @Context HttpServerRequest http) {
        return answer(twoSegments(token, signal, http, null));
    }

    @HEAD
    @Path("{signal}")
    @Operation(summary = "Start, failure, log or exit status", description = "As GET.")
    public CompletionStage<Response> signalHead(@PathParam("token") String token,
            @PathParam("signal") String signal, @Context HttpServerRequest http) {
        return answer(twoSegments(token, signal, http, null));
    }

    @POST
    @Path("{signal}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start, failure, log or exit status, with output")
    public CompletionStage<Response> signalPost(@PathParam("token") String token,
            @PathParam("signal") String signal, @Context HttpServerRequest http, byte[] body) {
        return answer(twoSegments(token, signal, http, body));
    }

    @GET
    @Path("{slug}/{signal}")
    @Operation(summary = "Start, failure, log or exit status by slug")
    public CompletionStage<Response> slugSignal(@PathParam("token") String pingKey, @PathParam("slug") String slug,
            @PathParam("signal") String signal, @Context HttpServerRequest http) {
        return answer(PushRequest.of(PushRequest.Dialect.PING_SLUG, pingKey, slug, signal, http, null, null));
    }

    @HEAD
    @Path("{slug}/{signal}")
    @Operation(summary = "Start, failure, log or exit status by slug", description = "As GET.")
    public CompletionStage<Response> slugSignalHead(@PathParam("token") String pingKey,
            @PathParam("slug") String slug, @PathParam("signal") String signal, @Context HttpServerRequest http) {
        return answer(PushRequest.of(PushRequest.Dialect.PING_SLUG, pingKey, slug, signal, http, null, null));
    }

    @POST
    @Path("{slug}/{signal}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start, failure, log or exit status by slug, with output")
    public CompletionStage<Response> slugSignalPost(@PathParam("token") String pingKey,
            @PathParam("slug") String slug, @PathParam("signal") String signal, @Context HttpServerRequest http,
            byte[] body) {
        return answer(PushRequest.of(PushRequest.Dialect.PING_SLUG, pingKey, slug, signal, http, null, body));
    }

    /** A token and a signal, or a ping key and a slug (a success), told apart by the first segment's shape. */
    private static PushRequest twoSegments(String first, String second, HttpServerRequest http, byte[] body) {
        if (PingKeys.hasShape(first)) {
            return PushRequest.of(PushRequest.Dialect.PING_SLUG, first, second, null, http, null, body);
        }
        return PushRequest.of(PushRequest.Dialect.PING, first, null, second, http, null, body);
    }

    private CompletionStage<Response> answer(PushRequest request) {
        return pushes.accept(request).handle((recorded, error) -> {
            if (error != null) {
                return refused(error);
            }
            return recorded.created() ? text(201, "Created", recorded.bodyLimit())
                    : text(200, "OK", recorded.bodyLimit());
        });
    }

    /** The failures PushService reports, in Healthchecks' words and media type rather than pushmon's JSON. */
    private Response refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApiException api) {
            Response answer = text(api.status().getStatusCode(), api.getMessage(), defaultBodyLimit);
            return api.retryAfterSeconds() == 0 ? answer
                    : Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, api.retryAfterSeconds()).build();
        }
        if (cause instanceof KafkaUnavailableException) {
            return Response.fromResponse(text(503, "not acknowledged, retry later", defaultBodyLimit))
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
        }
        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static Response text(int status, String message, int bodyLimit) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).header(BODY_LIMIT_HEADER, bodyLimit)
                .entity(message).build();
    }
}
