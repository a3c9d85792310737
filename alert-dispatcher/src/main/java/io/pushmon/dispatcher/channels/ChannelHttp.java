package io.pushmon.dispatcher.channels;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.channels.RefusedTargetException;
import io.pushmon.common.channels.UrlGuard;
import io.pushmon.common.serde.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The one way channel senders talk HTTP: a non-blocking POST with a deadline, the SSRF guard in front, and the
 * answer turned into a {@link SendOutcome}. 2xx is delivered; 408, 429, 5xx, timeouts and connection failures
 * are worth retrying; anything else (other 4xx, redirects, refused targets) is not.
 */
@Singleton
public class ChannelHttp {

    /** Enough of a receiver's error body to explain it; the rest is read and dropped. */
    private static final int MAX_ERROR_BODY = 4096;
    private static final int MAX_ERROR_TEXT = 200;

    private final Vertx vertx;
    private final ChannelsConfig config;
    private final UrlGuard guard;
    private final ResolvedHosts hosts;
    private final HttpClient client;

    @Inject
    public ChannelHttp(Vertx vertx, ChannelsConfig config) {
        this(vertx, config, InetAddress::getAllByName);
    }

    ChannelHttp(Vertx vertx, ChannelsConfig config, UrlGuard.Resolver dns) {
        this.vertx = vertx;
        this.config = config;
        this.guard = new UrlGuard(config.allowLoopback(), config.allowPrivate());
        this.hosts = new ResolvedHosts(dns, config.resolveCacheTtl());
        int timeoutMillis = (int) config.requestTimeout().toMillis();
        int pipelining = Math.max(1, config.pipeliningLimit());
        // Redirects stay off (the Vert.x default): following one would reach a host the guard never saw.
        // Connections are pooled per dialled address and Host, so sends to one receiver reuse theirs.
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setConnectTimeout(timeoutMillis).setKeepAliveTimeout(30)
                        .setPipelining(pipelining > 1).setPipeliningLimit(pipelining),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerHost()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Serializes {@code payload} with the shared JSON mapping and POSTs it. */
    public CompletionStage<SendOutcome> postJson(String url, Object payload, Map<String, String> headers,
            List<String> secrets, boolean trusted) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(SendOutcome.permanent(0, "payload could not be serialized"));
        }
        return post(new HttpPost(url, "application/json", body, headers, secrets, trusted));
    }

    /** Sends the POST; the stage never completes exceptionally. */
    public CompletionStage<SendOutcome> post(HttpPost post) {
        URI uri;
        try {
            uri = new URI(post.url());
        } catch (URISyntaxException | NullPointerException e) {
            return CompletableFuture.completedFuture(SendOutcome.permanent(0, "the channel's URL is not valid"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return CompletableFuture.completedFuture(
                    SendOutcome.permanent(0, "refused: only http and https URLs are allowed"));
        }
        if (uri.getHost() == null) {
            return CompletableFuture.completedFuture(SendOutcome.permanent(0, "the channel's URL has no host"));
        }
        List<String> secrets = secretsOf(uri, post.secrets());
        CompletableFuture<SendOutcome> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long timeoutMillis = config.requestTimeout().toMillis();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (result.complete(SendOutcome.retryable(0, null, "no answer from " + uri.getHost() + " within "
                    + timeoutMillis + " ms"))) {
                HttpClientRequest request = inFlight.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        Runnable start = () -> resolve(uri, post.trusted())
                .compose(address -> exchange(uri, address, post, secrets, inFlight))
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    result.complete(done.succeeded() ? done.result() : failure(uri, done.cause(), secrets));
                });
        // Begun on a foreign thread (the consumer's), the steps of one exchange could run on different contexts
        // and the response could end before the handler reading its body is set. A context costs no worker thread.
        if (Context.isOnVertxThread()) {
            start.run();
        } else {
            vertx.runOnContext(v -> start.run());
        }
        return result;
    }

    private Future<InetAddress> resolve(URI uri, boolean trusted) {
        InetAddress[] known = hosts.cached(hostOf(uri));
        if (known != null) {
            try {
                return Future.succeededFuture(approved(uri, known, trusted));
            } catch (RefusedTargetException | UnknownHostException e) {
                return Future.failedFuture(e);
            }
        }
        // DNS lookups block: keep them off the event loop.
        return vertx.executeBlocking(() -> approved(uri, hosts.resolve(hostOf(uri)), trusted), false);
    }

    /**
     * The address to dial. The guard judges cached answers as it does fresh ones: one host's answer may have
     * been cached by a trusted send, which skips the guard.
     */
    private InetAddress approved(URI uri, InetAddress[] addresses, boolean trusted)
            throws RefusedTargetException, UnknownHostException {
        if (addresses.length == 0) {
            throw new UnknownHostException(hostOf(uri));
        }
        if (trusted) {
            return addresses[0];
        }
        return guard.check(uri, host -> addresses).get(0);
    }

    private Future<SendOutcome> exchange(URI uri, InetAddress address, HttpPost post, List<String> secrets,
            AtomicReference<HttpClientRequest> inFlight) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        // Connect to the address the guard approved; Host, SNI and certificate checks still use the name.
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(uri.toString())
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .putHeader("Content-Type", post.contentType())
                .putHeader("User-Agent", config.userAgent());
        post.headers().forEach(options::putHeader);
        return client.request(options)
                .compose(request -> {
                    inFlight.set(request);
                    return request.send(Buffer.buffer(post.body()));
                })
                .compose(response -> boundedBody(response)
                        .map(body -> classify(uri, response, body, secrets)));
    }

    private static Future<String> boundedBody(HttpClientResponse response) {
        Promise<String> body = Promise.promise();
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            int room = MAX_ERROR_BODY - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(v -> body.tryComplete(kept.toString(StandardCharsets.UTF_8)));
        return body.future();
    }

    private static SendOutcome classify(URI uri, HttpClientResponse response, String body, List<String> secrets) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SendOutcome.delivered(status);
        }
        String error = "HTTP " + status + " from " + uri.getHost() + errorDetail(body, secrets);
        if (status == 408 || status == 429 || status >= 500) {
            var retryAfter = RetryAfter.fromHeader(response.getHeader("Retry-After"), Instant.now());
            return SendOutcome.retryable(status, retryAfter != null ? retryAfter : RetryAfter.fromBody(body), error);
        }
        if (status >= 300 && status < 400) {
            return SendOutcome.permanent(status, error + " (redirects are not followed)");
        }
        return SendOutcome.permanent(status, error);
    }

    private static SendOutcome failure(URI uri, Throwable cause, List<String> secrets) {
        if (cause instanceof RefusedTargetException refused) {
            return SendOutcome.permanent(0, "refused: " + refused.getMessage());
        }
        if (cause instanceof UnknownHostException) {
            return SendOutcome.retryable(0, null, "cannot resolve " + uri.getHost());
        }
        if (cause instanceof TimeoutException) {
            return SendOutcome.retryable(0, null, "timed out talking to " + uri.getHost());
        }
        String message = cause.getMessage() == null ? "" : ": " + redact(cause.getMessage(), secrets);
        return SendOutcome.retryable(0, null, "request to " + uri.getHost() + " failed, "
                + cause.getClass().getSimpleName() + message);
    }

    private static String errorDetail(String body, List<String> secrets) {
        String text = redact(body, secrets).replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text);
    }

    /** The URL's path and query carry webhook keys and bot tokens: they are secret along with the caller's list. */
    private static List<String> secretsOf(URI uri, List<String> extra) {
        List<String> secrets = new ArrayList<>(extra);
        secrets.add(uri.toString());
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            secrets.add(uri.getRawPath());
            secrets.add(uri.getPath());
        }
        if (uri.getRawQuery() != null) {
            secrets.add(uri.getRawQuery());
        }
        // Longest first, so a URL is hidden whole before its path is.
        secrets.sort(Comparator.comparingInt((String s) -> s == null ? 0 : s.length()).reversed());
        return secrets;
    }

    static String redact(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host != null && host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
