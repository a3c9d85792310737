package io.pushmon.dispatcher.channels;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the channel senders reach the outside world. */
@ConfigMapping(prefix = "pushmon.channels")
public interface ChannelsConfig {

    /** Longest one send may take, from resolving the host to the receiver's last byte. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Let tenant URLs point at loopback addresses (local runs and tests only). */
    @WithDefault("false")
    boolean allowLoopback();

    /** Let tenant URLs point at private networks: 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7. */
    @WithDefault("false")
    boolean allowPrivate();

    /** User-Agent of every HTTP request. */
    @WithDefault("pushmon-alert-dispatcher/1")
    String userAgent();

    /**
     * Pooled connections per receiver host, kept open between sends; more requests to one host wait for a free
     * one. As many as {@code pushmon.dispatcher.send.max-in-flight}, so one consumer's sends never queue for one.
     */
    @WithDefault("64")
    int maxConnectionsPerHost();

    /**
     * Requests sent on one HTTP/1.1 connection before the first is answered (pipelining), used once every pooled
     * connection is busy; 1 (off) waits for each answer. Requests queued behind one whose connection closes or
     * times out fail with it and are retried, so only turn it on for receivers known to handle pipelined POSTs.
     */
    @WithDefault("1")
    int pipeliningLimit();

    /** How long a host's DNS answer is reused; the SSRF guard checks it on every send. 0: resolve every send. */
    @WithDefault("30s")
    Duration resolveCacheTtl();

    /** Telegram Bot API. */
    Telegram telegram();

    /** PagerDuty Events API v2. */
    Pagerduty pagerduty();

    /** ntfy. */
    Ntfy ntfy();

    interface Telegram {
        /** Base URL of the Bot API; requests go to {base}/bot{token}/sendMessage. */
        @WithDefault("https://api.telegram.org")
        String apiBaseUrl();
    }

    interface Pagerduty {
        /** The Events API v2 enqueue endpoint. */
        @WithDefault("https://events.pagerduty.com/v2/enqueue")
        String eventsUrl();
    }

    interface Ntfy {
        /** Server used by channels that name none. */
        @WithDefault("https://ntfy.sh")
        String defaultServer();
    }
}
