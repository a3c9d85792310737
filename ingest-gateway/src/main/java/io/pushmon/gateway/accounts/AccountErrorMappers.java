package io.pushmon.gateway.accounts;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.pushmon.gateway.errors.ApiError;

/** The 429 of the sign-in throttle, with the Retry-After the client should honour. */
public class AccountErrorMappers {

    @ServerExceptionMapper
    public Response throttled(Throttled e) {
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .entity(ApiError.of(e.getMessage())).build();
    }
}
