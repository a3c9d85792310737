package io.pushmon.gateway.status;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.serde.Json;

/** Reads one monitor's live state from the processor, for {@code GET /api/monitors/{id}}. */
@ApplicationScoped
public class LiveStateReader {

    private final InternalServices services;

    @Inject
    public LiveStateReader(InternalServices services) {
        this.services = services;
    }

    /** The state; {@link LiveState#NEW} if the processor does not know the monitor yet, UNKNOWN if it cannot say. */
    public LiveState read(String monitorId) {
        var answer = services.processor().get("/internal/monitors/" + monitorId + "/state");
        if (answer.getStatus() == 404) {
            return LiveState.NEW;
        }
        if (answer.getStatus() != 200) {
            return LiveState.UNKNOWN;
        }
        try {
            return Json.MAPPER.readValue((String) answer.getEntity(), LiveState.class);
        } catch (IOException e) {
            return LiveState.UNKNOWN;
        }
    }
}
