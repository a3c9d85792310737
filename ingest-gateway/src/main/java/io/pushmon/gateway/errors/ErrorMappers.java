package io.pushmon.gateway.errors;

import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.pushmon.common.kafka.KafkaUnavailableException;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.ui.ErrorPage;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every failure into a JSON answer. Nothing here logs a request URI: on the push path it holds the
 * push token.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final long retryAfterSeconds;

    @Inject
    public ErrorMappers(GatewayConfig config) {
        this(config.push().retryAfter().toSeconds());
    }

    public ErrorMappers(long retryAfterSeconds) {
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e, HttpServerRequest request) {
        if (ErrorPage.isPage(request.path())) {
            return ErrorPage.of(e.status().getStatusCode(), e.getMessage());
        }
        Response answer = answer(e.status().getStatusCode(), e.getMessage());
        return e.retryAfterSeconds() == 0 ? answer
                : Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    /**
     * Logged at debug only: during an outage every push ends here, and a warning per push would flood the log
     * from the event loop. The outage shows in pushmon_push_requests_total{outcome="unavailable"} and in the
     * tick writer's one warning.
     */
    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailableException e) {
        LOG.debug(e.getMessage());
        return unavailable(retryAfterSeconds);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
                .map(ConstraintViolation::getMessage).distinct().collect(Collectors.joining("; "));
        return answer(400, message.isEmpty() ? "invalid request" : message);
    }

    /** Declared for the subtype too: Quarkus' own mapper for it would otherwise win and answer without JSON. */
    @ServerExceptionMapper
    public Response badJsonShape(MismatchedInputException e) {
        return answer(400, describe(e));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return answer(400, describe(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return answer(400, describe(json));
        }
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return answer(status, reason == null || reason.isBlank() ? "HTTP " + status : reason.toLowerCase());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.errorf(e, "Unexpected failure: %s", e.getClass().getName());
        return answer(500, "internal error");
    }

    /**
     * The answer when Kafka did not acknowledge a write in time. The write may still be committed later (a broker
     * that was killed is fenced only after its session expires), so it says "not acknowledged", not "not recorded":
     * a retry is safe, a duplicated heartbeat is harmless.
     */
    private static Response unavailable(long retryAfterSeconds) {
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .entity(ApiError.of("not acknowledged: the event log did not confirm the write in time; retry later"))
                .build();
    }

    private static Response answer(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(message)).build();
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof JsonParseException) {
            return "malformed JSON";
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String field = ((JsonMappingException) e).getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return field.isEmpty() ? "request body has the wrong shape" : "field '" + field + "' has the wrong type";
        }
        return "malformed JSON";
    }
}
