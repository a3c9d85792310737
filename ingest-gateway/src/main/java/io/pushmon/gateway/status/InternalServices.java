package io.pushmon.gateway.status;

import java.net.http.HttpClient;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.gateway.GatewayConfig;

/** The two services the gateway reads from: the processor (live state) and the dispatcher (deliveries). */
@ApplicationScoped
public class InternalServices {

    private final InternalService processor;
    private final InternalService dispatcher;
    private final Duration testTimeout;

    @Inject
    public InternalServices(GatewayConfig config) {
        GatewayConfig.Internal internal = config.internal();
        HttpClient client = HttpClient.newBuilder().connectTimeout(internal.timeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        long retryAfter = internal.retryAfter().toSeconds();
        this.processor = new InternalService("the liveness processor", config.processor().url(), internal.timeout(),
                retryAfter, client);
        this.dispatcher = new InternalService("the alert dispatcher", config.dispatcher().url(), internal.timeout(),
                retryAfter, client);
        this.testTimeout = internal.testTimeout();
    }

    public InternalService processor() {
        return processor;
    }

    public InternalService dispatcher() {
        return dispatcher;
    }

    /** How long a test notification may take, end to end. */
    public Duration testTimeout() {
        return testTimeout;
    }
}
