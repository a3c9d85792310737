package io.pushmon.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own settings, under {@code pushmon.*}; the Kafka settings it shares are in KafkaConfig. */
@ConfigMapping(prefix = "pushmon")
public interface GatewayConfig {

    /** Base URL clients reach this gateway at; push URLs handed out by the API start with it. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** A base URL without its trailing slash, so paths can be appended to it. */
    static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Read-write API key the tenant {@code default} gets at startup (env PUSHMON_API_KEY); none when unset. */
    Optional<String> apiKey();

    /** The push endpoint. */
    Push push();

    /** The web dashboard. */
    Dashboard dashboard();

    /** The web dashboard. */
    interface Dashboard {
        /** How often open dashboards get the live state of their monitors (server-sent events). */
        @WithDefault("1s")
        Duration liveInterval();
    }

    /** Tick records on {@code heartbeats}. */
    Ticks ticks();

    /** The liveness processor, for live state and history reads. */
    Processor processor();

    /** The alert dispatcher, for delivery history and test notifications. */
    Dispatcher dispatcher();

    /** Calls to the other services' internal endpoints. */
    Internal internal();

    /** Tenants, their plans and the operators who manage them. */
    Tenancy tenancy();

    /**
     * Plans by name (pushmon.plans.NAME.*): what a tenant on each may have and push. A property a plan leaves out
     * takes the default documented in {@link Plan}.
     */
    Map<String, Plan> plans();

    /** User accounts: sessions, mailed tokens and the sign-in throttle. */
    Accounts accounts();

    /** The push endpoint. */
    interface Push {

        /** Addresses or CIDR ranges of proxies whose X-Forwarded-For is believed; none by default. */
        Optional<List<String>> trustedProxies();

        /** Retry-After sent with a 503 when Kafka did not acknowledge a write. */
        @WithDefault("5s")
        Duration retryAfter();

        /** User-Agent headers are cut to this many characters before they are stored. */
        @WithDefault("256")
        int maxUserAgentLength();

    }

    /** Tick records on {@code heartbeats}. */
    interface Ticks {

        /** Time between two rounds of ticks (one tick per partition per round); up to this much of every detection delay. */
        @WithDefault("100ms")
        Duration interval();
    }

    /** The liveness processor, for live state and history reads. */
    interface Processor {

        /** Base URL of a processor instance; it forwards each read to the instance that owns the monitor. */
        @WithDefault("http://127.0.0.1:8081")
        String url();
    }

    /** The alert dispatcher, for delivery history and test notifications. */
    interface Dispatcher {

        /** Base URL of the dispatcher. */
        @WithDefault("http://127.0.0.1:8082")
        String url();
    }

    /** Calls to the other services' internal endpoints. */
    interface Internal {

        /** Longest wait for an internal read before the caller gets a 503. */
        @WithDefault("3s")
        Duration timeout();

        /** Longest wait for a test notification: the dispatcher's own send timeout plus a margin. */
        @WithDefault("15s")
        Duration testTimeout();

        /** Retry-After sent with a 503 when an internal service did not answer. */
        @WithDefault("1s")
        Duration retryAfter();
    }

    /** Tenants, their plans and the operators who manage them. */
    interface Tenancy {

        /**
         * The plan of tenants that have none assigned (the self-hosted {@code default} tenant, tenants from before
         * plans existed) and of tenants whose plan no longer exists.
         */
        @WithDefault("unlimited")
        String defaultPlan();

        /** The plan a new tenant gets when its creation names none (an operator's create, a sign-up). */
        @WithDefault("free")
        String newTenantPlan();

        /**
         * The operators' credential for /operator/* (env PUSHMON_TENANCY_OPERATOR_KEY); the operator API answers
         * 404 when unset. Never a tenant's key.
         */
        Optional<String> operatorKey();

        /**
         * Gateway replicas behind the balancer: each takes this share of every push rate, so together they allow
         * the plan's rate. Set it to the Deployment's replica count.
         */
        @WithDefault("1")
        int gateways();

        /** How long a rotated push token keeps working when the rotation does not say. */
        @WithDefault("24h")
        Duration tokenOverlap();
    }

    /** What a tenant on a plan may have and push. */
    interface Plan {

        /** Monitors a tenant may have. */
        @WithDefault("20")
        int maxMonitors();

        /** Notification channels a tenant may have. */
        @WithDefault("5")
        int maxChannels();

        /** Pushes per minute accepted for one monitor (all its tokens and URLs together); 2147483647: no limit. */
        @WithDefault("60")
        int monitorPushesPerMinute();

        /** Pushes per second accepted for all of a tenant's monitors together; 2147483647: no limit. */
        @WithDefault("20")
        int tenantPushesPerSecond();

        /** How far back heartbeat and notification history is shown. */
        @WithDefault("7d")
        Duration historyRetention();

        /** Bytes of a request body (a job's output) kept with its heartbeat; the rest is cut off. */
        @WithDefault("10000")
        int bodyLimit();
    }

    /** User accounts: sessions, mailed tokens and the sign-in throttle. */
    interface Accounts {

        /**
         * Key (32 characters or more) that signs sessions; every gateway of a deployment needs the same one. Unset:
         * a random key per process, so sessions end with it and are refused by other replicas.
         */
        Optional<String> sessionSecret();

        /**
         * Directory each account mail (verification, reset, invitation) is written to as a file instead of being
         * sent, for a local run without a mail server; unset, mail goes out through {@code quarkus.mailer.*}.
         */
        Optional<Path> mailOutbox();

        /** How long a session lasts after sign-in. */
        @WithDefault("12h")
        Duration sessionLifetime();

        /** How long the link in a verification mail works. */
        @WithDefault("24h")
        Duration verifyTokenLifetime();

        /** How long the link in a password reset mail works. */
        @WithDefault("1h")
        Duration resetTokenLifetime();

        /** How long an invitation can be accepted. */
        @WithDefault("168h")
        Duration inviteTokenLifetime();

        /** Brute-force throttle of sign-in, sign-up and reset requests, kept by each gateway on its own. */
        Throttle throttle();

        /** Brute-force throttle of sign-in, sign-up and reset requests, kept by each gateway on its own. */
        interface Throttle {

            /** Requests per email address and kind (sign-in, sign-up, reset) within one period. */
            @WithDefault("5")
            int perEmail();

            /** Requests per client address and kind within one period. */
            @WithDefault("30")
            int perAddress();

            /** Time after which a spent allowance is whole again (refilled evenly over it). */
            @WithDefault("15m")
            Duration period();
        }
    }
}
