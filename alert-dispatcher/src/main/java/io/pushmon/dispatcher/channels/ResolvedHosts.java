package io.pushmon.dispatcher.channels;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.pushmon.common.channels.UrlGuard;

/**
 * What receiver hosts resolved to, kept for {@code pushmon.channels.resolve-cache-ttl} so that a send to a host
 * seen recently needs neither a lookup nor a worker thread to make it on. Only answers are kept: a host that did
 * not resolve is looked up again on its next send. The addresses are raw answers, not approvals: the caller
 * runs the guard over them on every send.
 */
final class ResolvedHosts {

    /** Beyond this many hosts, expired answers are dropped; if none are, the cache starts over. */
    private static final int MAX_HOSTS = 10_000;

    private final UrlGuard.Resolver resolver;
    private final long ttlNanos;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    ResolvedHosts(UrlGuard.Resolver resolver, Duration ttl) {
        this.resolver = resolver;
        this.ttlNanos = ttl.toNanos();
    }

    /** The host's addresses if it was resolved less than the TTL ago, else null. Never blocks. */
    InetAddress[] cached(String host) {
        Answer answer = answers.get(host);
        return answer != null && answer.fresh(System.nanoTime(), ttlNanos) ? answer.addresses() : null;
    }

    /** Resolves the host now and keeps the answer. Blocks on DNS. */
    InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (ttlNanos > 0 && addresses.length > 0) {
            long now = System.nanoTime();
            if (answers.size() >= MAX_HOSTS) {
                answers.values().removeIf(answer -> !answer.fresh(now, ttlNanos));
                if (answers.size() >= MAX_HOSTS) {
                    answers.clear();
                }
            }
            answers.put(host, new Answer(addresses, now));
        }
        return addresses;
    }

    private record Answer(InetAddress[] addresses, long resolvedAt) {

        boolean fresh(long now, long ttlNanos) {
            return now - resolvedAt < ttlNanos;
        }
    }
}
