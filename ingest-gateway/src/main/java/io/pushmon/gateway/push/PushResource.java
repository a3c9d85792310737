package io.pushmon.gateway.push;

import java.util.Locale;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.gateway.errors.ApiError;
import io.pushmon.gateway.tenants.PublicEndpoint;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/push/{token}}: the heartbeat endpoint cron jobs and services call. It runs on the event loop:
 * nothing on the way blocks (see PushService), so a push costs no hand-off to a worker thread, and the wait
 * for Kafka's acknowledgement holds no thread at all.
 */
@Path("/api/push/{token}")
@APIResponses({
    @APIResponse(responseCode = "200", description = "Recorded: Kafka acknowledged the heartbeat. For a paused "
            + "monitor the answer is {\"ok\":true,\"paused\":true}: the heartbeat is recorded, no alert follows.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PushAnswer.class),
                    examples = { @ExampleObject(name = "recorded", value = "{\"ok\":true}"),
                            @ExampleObject(name = "paused", value = "{\"ok\":true,\"paused\":true}") })),
    @APIResponse(responseCode = "400", description = "A bad parameter or a token of the wrong shape; the "
            + "message names the problem. Nothing was recorded.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class),
                    example = "{\"ok\":false,\"error\":\"status must be 'up', 'down', 'start' or 'log'\"}")),
    @APIResponse(responseCode = "404", description = "No monitor has this token (never had, deleted, or rotated and "
            + "past its overlap).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class))),
    @APIResponse(responseCode = "403", description = "The monitor's account is suspended by an operator; nothing is "
            + "recorded.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class))),
    @APIResponse(responseCode = "429", description = "Beyond the plan's push rate for this monitor or this account; "
            + "nothing is recorded. Retry after the Retry-After seconds.",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class))),
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; nothing is known to be "
            + "recorded. Retry after the Retry-After seconds.",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
})
@PublicEndpoint
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "push", description = "Heartbeats from monitored jobs")
public class PushResource {

    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;
    private static final String TOKEN_DOC = "The monitor's push token: 32 characters of URL-safe base64, or a lower-case UUID kept from Healthchecks";
    private static final String STATUS_DOC = "What the job reports: 'up' (also when absent or empty), 'down', which "
            + "marks the monitor down at once, 'start', which opens a run that must end within the monitor's run "
            + "limit, or 'log', recorded only";
    private static final String EXIT_DOC = "The job's exit status 0..255 instead of status: 0 is up, any other down";
    private static final String RID_DOC = "A run id (UUID) that pairs a start with its end, for overlapping runs";
    private static final String MSG_DOC = "A message, at most 1000 characters after decoding (UTF-8, percent-encoded)";
    private static final String VALUE_DOC = "A finite decimal number (a duration, a count...)";
    private static final String PING_DOC = "Uptime Kuma's name for value; if both are given they must be equal";

    @Inject
    PushService pushes;

    @GET
    @Operation(summary = "Record a heartbeat", description = "Same as POST, for clients that can only GET.")
    @Parameters({
        @Parameter(name = "token", in = ParameterIn.PATH, required = true, description = TOKEN_DOC),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = STATUS_DOC,
                schema = @Schema(enumeration = { "up", "down", "start", "log" })),
        @Parameter(name = "exit", in = ParameterIn.QUERY, description = EXIT_DOC,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "255")),
        @Parameter(name = "rid", in = ParameterIn.QUERY, description = RID_DOC,
                schema = @Schema(type = SchemaType.STRING, format = "uuid")),
        @Parameter(name = "msg", in = ParameterIn.QUERY, description = MSG_DOC,
                schema = @Schema(type = SchemaType.STRING, maxLength = 1000)),
        @Parameter(name = "value", in = ParameterIn.QUERY, description = VALUE_DOC,
                schema = @Schema(type = SchemaType.NUMBER)),
        @Parameter(name = "ping", in = ParameterIn.QUERY, description = PING_DOC,
                schema = @Schema(type = SchemaType.NUMBER))
    })
    public CompletionStage<String> get(@PathParam("token") String token, @Context HttpServerRequest http) {
        return answer(PushRequest.of(PushRequest.Dialect.PUSH, token, null, null, http, null, null));
    }

    @HEAD
    @Operation(summary = "Record a heartbeat", description = "Same as GET, answers without a body.")
    @Parameters({
        @Parameter(name = "token", in = ParameterIn.PATH, required = true, description = TOKEN_DOC),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = STATUS_DOC,
                schema = @Schema(enumeration = { "up", "down", "start", "log" })),
        @Parameter(name = "exit", in = ParameterIn.QUERY, description = EXIT_DOC,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "255")),
        @Parameter(name = "rid", in = ParameterIn.QUERY, description = RID_DOC,
                schema = @Schema(type = SchemaType.STRING, format = "uuid")),
        @Parameter(name = "msg", in = ParameterIn.QUERY, description = MSG_DOC,
                schema = @Schema(type = SchemaType.STRING, maxLength = 1000)),
        @Parameter(name = "value", in = ParameterIn.QUERY, description = VALUE_DOC,
                schema = @Schema(type = SchemaType.NUMBER)),
        @Parameter(name = "ping", in = ParameterIn.QUERY, description = PING_DOC,
                schema = @Schema(type = SchemaType.NUMBER))
    })
    public CompletionStage<String> head(@PathParam("token") String token, @Context HttpServerRequest http) {
        return answer(PushRequest.of(PushRequest.Dialect.PUSH, token, null, null, http, null, null));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Record a heartbeat",
            description = "Parameters come from the query string and, for an application/x-www-form-urlencoded "
                    + "body, from the form; any other body is the job's output, kept up to the body limit (10,000 "
                    + "bytes by default) and readable at GET /api/monitors/{id}/heartbeats/{seq}/body. Answers 2xx "
                    + "only after Kafka acknowledged the heartbeat.")
    @Parameters({
        @Parameter(name = "token", in = ParameterIn.PATH, required = true, description = TOKEN_DOC),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = STATUS_DOC,
                schema = @Schema(enumeration = { "up", "down", "start", "log" })),
        @Parameter(name = "exit", in = ParameterIn.QUERY, description = EXIT_DOC,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "255")),
        @Parameter(name = "rid", in = ParameterIn.QUERY, description = RID_DOC,
                schema = @Schema(type = SchemaType.STRING, format = "uuid")),
        @Parameter(name = "msg", in = ParameterIn.QUERY, description = MSG_DOC,
                schema = @Schema(type = SchemaType.STRING, maxLength = 1000)),
        @Parameter(name = "value", in = ParameterIn.QUERY, description = VALUE_DOC,
                schema = @Schema(type = SchemaType.NUMBER)),
        @Parameter(name = "ping", in = ParameterIn.QUERY, description = PING_DOC,
                schema = @Schema(type = SchemaType.NUMBER))
    })
    public CompletionStage<String> post(@PathParam("token") String token, @Context HttpServerRequest http, byte[] body) {
        String contentType = http.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM);
        return answer(PushRequest.of(PushRequest.Dialect.PUSH, token, null, null, http, form ? body : null,
                form ? null : body));
    }

    private CompletionStage<String> answer(PushRequest request) {
        return pushes.accept(request).thenApply(PushAnswer::json);
    }
}
