package io.pushmon.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lua script that makes wrk push: {@code POST /api/push/<token>} round-robin over a tokens file, each wrk thread
 * starting at its own offset so the threads do not push the same monitors in step. Every request is formatted once
 * in {@code init}; per request the script only moves an index. It has no {@code response()} callback: with one, wrk
 * parses every answer's headers and body into Lua tables, which would make the generator the bottleneck.
 *
 * <p>{@code done()} prints one JSON line (read by {@link WrkSummary}) after wrk's own text summary.
 */
final class WrkScript {

    private WrkScript() {
    }

    /** Writes the script for these tokens and this many wrk threads and returns its path. */
    static Path write(Path script, Path tokens, int threads) throws IOException {
        return Files.writeString(script, lua(tokens, threads));
    }

    static String lua(Path tokens, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("wrk runs at least one thread, not " + threads);
        }
        return """
                -- Written by pushmon-bench (WrkScript): POST /api/push/<token> round-robin over the tokens file,
                -- each of the %2$d threads from its own offset. No response() callback: it makes wrk slow.
                local threads = 0
                local pushes = {}
                local count = 0
                local position = 0

                function setup(thread)
                   thread:set("index", threads)
                   threads = threads + 1
                end

                function init(args)
                   for token in io.lines(%1$s) do
                      if token ~= "" then
                         count = count + 1
                         pushes[count] = wrk.format("POST", "/api/push/" .. token, nil, "")
                      end
                   end
                   position = math.floor(count * index / %2$d)
                end

                function request()
                   position = position %% count + 1
                   return pushes[position]
                end

                function done(summary, latency, requests)
                   local e = summary.errors
                   io.write(string.format('{"requests":%%d,"durationMicros":%%d,"p50Micros":%%d,"p90Micros":%%d,'
                      .. '"p99Micros":%%d,"p999Micros":%%d,"maxMicros":%%d,"non2xx":%%d,"connectErrors":%%d,'
                      .. '"readErrors":%%d,"writeErrors":%%d,"timeouts":%%d}\\n',
                      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
                      latency:percentile(99), latency:percentile(99.9), latency.max, e.status, e.connect, e.read,
                      e.write, e.timeout))
                end
                """.formatted(luaString(tokens.toAbsolutePath().toString()), threads);
    }

    /** A Lua string literal: the harness's own paths, but a quote or backslash in one must not break the script. */
    static String luaString(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                literal.append('\\');
            } else if (c < ' ') {
                throw new IllegalArgumentException("a control character in " + text);
            }
            literal.append(c);
        }
        return literal.append('"').toString();
    }
}
