package io.pushmon.bench.ceiling;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The gateway's push URL with nothing behind it: the same Quarkus REST stack and the same JSON answer, on the
 * event loop, with no token lookup, no validation and no Kafka. The ingest benchmark calls it with the same load
 * generator in the same run; what the gateway reaches as a share of this is what its own work costs.
 */
@Path("/api/push/{token}")
public class CeilingPushResource {

    private static final Map<String, Boolean> OK = Map.of("ok", true);

    @POST
    @NonBlocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> push(@PathParam("token") String token) {
        return OK;
    }
}
