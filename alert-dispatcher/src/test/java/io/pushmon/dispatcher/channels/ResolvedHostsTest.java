package io.pushmon.dispatcher.channels;

import static io.pushmon.dispatcher.channels.Channels.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.channels.UrlGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** How long a receiver host's DNS answer is reused, and that the SSRF guard judges every use of it. */
class ResolvedHostsTest {

    private static final Vertx VERTX = Vertx.vertx();

    private final AtomicReference<String> answer = new AtomicReference<>("127.0.0.1");
    private final AtomicInteger lookups = new AtomicInteger();
    private final UrlGuard.Resolver dns = host -> {
        lookups.incrementAndGet();
        return new InetAddress[] {InetAddress.getByName(answer.get())};
    };
    private HttpServer receiver;
    private String hook;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = VERTX.createHttpServer()
                .requestHandler(request -> request.end().onSuccess(body -> request.response().end()));
        int port = receiver.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
                .actualPort();
        hook = "http://hooks.example.test:" + port + "/hook";
    }

    @AfterEach
    void stopReceiver() throws Exception {
        receiver.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    private static SendOutcome post(ChannelHttp http, String url, boolean trusted) throws Exception {
        return await(http.postJson(url, Map.of("text", "hi"), Map.of(), List.of(), trusted));
    }

    @Test
    void aHostIsResolvedOnceWithinTheTtl() throws Exception {
        ChannelHttp http = new ChannelHttp(VERTX, Channels.config("pushmon.channels.resolve-cache-ttl", "1m"), dns);

        for (int i = 0; i < 5; i++) {
            assertThat(post(http, hook, false)).isEqualTo(SendOutcome.delivered(200));
        }

        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void theResolvedAddressIsLookedUpAgainAfterTheTtl() throws Exception {
        ChannelHttp http = new ChannelHttp(VERTX, Channels.config("pushmon.channels.resolve-cache-ttl", "300ms"),
                dns);
        assertThat(post(http, hook, false)).isEqualTo(SendOutcome.delivered(200));

        answer.set("10.0.0.7");
        SendOutcome withinTheTtl = post(http, hook, false);
        Thread.sleep(400);
        SendOutcome afterTheTtl = post(http, hook, false);

        assertThat(withinTheTtl).isEqualTo(SendOutcome.delivered(200));
        assertThat(afterTheTtl).isEqualTo(SendOutcome.permanent(0, "refused: hooks.example.test resolves to a "
                + "private address; pushmon does not call internal networks"));
        assertThat(lookups.get()).isEqualTo(2);
    }

    @Test
    void aCachedAddressIsCheckedByTheGuardAgain() throws Exception {
        ChannelHttp strict = new ChannelHttp(VERTX, Channels.config("pushmon.channels.allow-loopback", "false",
                "pushmon.channels.resolve-cache-ttl", "1m"), dns);

        SendOutcome trusted = post(strict, hook, true);
        SendOutcome tenants = post(strict, hook, false);

        assertThat(trusted).isEqualTo(SendOutcome.delivered(200));
        assertThat(tenants).isEqualTo(SendOutcome.permanent(0, "refused: hooks.example.test resolves to a "
                + "loopback address; pushmon does not call internal networks"));
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void withoutATtlEverySendResolvesTheHost() throws Exception {
        ChannelHttp http = new ChannelHttp(VERTX, Channels.config("pushmon.channels.resolve-cache-ttl", "0s"), dns);

        for (int i = 0; i < 3; i++) {
            assertThat(post(http, hook, false)).isEqualTo(SendOutcome.delivered(200));
        }

        assertThat(lookups.get()).isEqualTo(3);
    }
}
