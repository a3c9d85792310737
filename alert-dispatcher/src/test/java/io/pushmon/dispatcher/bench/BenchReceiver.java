package io.pushmon.dispatcher.bench;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The webhook receiver of {@link WebhookBenchmark}, started by it as a separate JVM so that its CPU is not
 * mixed with the sender's. One event loop answers every POST with an empty 200 once its body has arrived, or
 * that many milliseconds later when given a number, like a receiver that takes time over each request (HTTP/1.1
 * answers one request of a connection after the other, pipelined or not);
 * {@code GET /stats} answers {@code <connections opened> <requests answered>}. Prints its port, then serves until
 * its standard input closes.
 */
public final class BenchReceiver {

    private BenchReceiver() {
    }

    public static void main(String[] args) throws Exception {
        long delayMillis = args.length > 0 ? Long.parseLong(args[0]) : 0;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        AtomicLong connections = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> {
                    if (request.path().equals("/stats")) {
                        request.response().end(connections.get() + " " + requests.get());
                        return;
                    }
                    request.end().onSuccess(body -> {
                        requests.incrementAndGet();
                        if (delayMillis > 0) {
                            vertx.setTimer(delayMillis, id -> request.response().setStatusCode(200).end());
                        } else {
                            request.response().setStatusCode(200).end();
                        }
                    });
                });
        server.listen().toCompletionStage().toCompletableFuture().get();
        System.out.println(server.actualPort());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        vertx.close();
    }
}
