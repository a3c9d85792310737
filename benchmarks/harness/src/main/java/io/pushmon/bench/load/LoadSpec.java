package io.pushmon.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One load run: POST {@code <baseUrl>/api/push/<token>} over a fixed number of connections, cycling through the
 * tokens in the file. Either for a time (after a warm-up that is not recorded), or each token exactly once.
 *
 * @param baseUrl     e.g. {@code http://127.0.0.1:8080}
 * @param tokens      a file with one push token per line
 * @param connections concurrent connections, each with one request in flight (closed loop)
 * @param warmup      load before recording starts; zero in once mode
 * @param duration    recorded load; ignored in once mode
 * @param once        push every token exactly once, then stop
 * @param perSecond   requests per second over all connections at most (a connection waits for its turn); 0 for as
 *                    fast as the answers come (Vert.x generator only)
 */
public record LoadSpec(String baseUrl, Path tokens, int connections, Duration warmup, Duration duration,
        boolean once, int perSecond) {

    public static LoadSpec timed(String baseUrl, Path tokens, int connections, Duration warmup, Duration duration) {
        return new LoadSpec(baseUrl, tokens, connections, warmup, duration, false, 0);
    }

    /** A timed load of at most {@code perSecond} requests per second. */
    public static LoadSpec paced(String baseUrl, Path tokens, int connections, Duration warmup, Duration duration,
            int perSecond) {
        return new LoadSpec(baseUrl, tokens, connections, warmup, duration, false, perSecond);
    }

    public static LoadSpec eachOnce(String baseUrl, Path tokens, int connections) {
        return new LoadSpec(baseUrl, tokens, connections, Duration.ZERO, Duration.ZERO, true, 0);
    }

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--base-url", baseUrl, "--tokens", tokens.toString(),
                "--connections", Integer.toString(connections)));
        if (once) {
            args.add("--once");
        } else {
            args.addAll(List.of("--warmup-ms", Long.toString(warmup.toMillis()), "--duration-ms",
                    Long.toString(duration.toMillis())));
        }
        if (perSecond > 0) {
            args.addAll(List.of("--per-second", Integer.toString(perSecond)));
        }
        return args;
    }

    static LoadSpec parse(String[] args) {
        String baseUrl = null;
        Path tokens = null;
        int connections = 1;
        long warmupMs = 0;
        long durationMs = 0;
        boolean once = false;
        int perSecond = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base-url" -> baseUrl = args[++i];
                case "--tokens" -> tokens = Path.of(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--warmup-ms" -> warmupMs = Long.parseLong(args[++i]);
                case "--duration-ms" -> durationMs = Long.parseLong(args[++i]);
                case "--once" -> once = true;
                case "--per-second" -> perSecond = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (baseUrl == null || tokens == null || connections < 1) {
            throw new IllegalArgumentException("--base-url, --tokens and a positive --connections are required");
        }
        return new LoadSpec(baseUrl, tokens, connections, Duration.ofMillis(warmupMs), Duration.ofMillis(durationMs),
                once, perSecond);
    }
}
