package io.pushmon.gateway.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.model.UserAccount;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.directory.CompactedTopicCache;
import io.quarkus.runtime.StartupEvent;

/**
 * Every user, from the {@code users} topic: by id, by email address and by the hash of each pending token and
 * invitation (so a mailed link finds its user without a scan).
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final String EMAIL = "email:";
    private static final String TOKEN = "token:";

    private final CompactedTopicCache<UserAccount> cache;
    private final RecordWriter writer;

    @Inject
    public UserDirectory(KafkaConfig kafka, RecordWriter writer) {
        this.writer = writer;
        cache = new CompactedTopicCache<>(Topic.USERS, KafkaClients.groupless(kafka, "pushmon-gateway-users"),
                UserDirectory::indexKeys);
    }

    /**
     * Starts reading after the gateway's own startup (a later priority), which provisions the topics, and holds
     * startup, bounded, until caught up: before that a valid session or sign-in would be refused.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        cache.start();
        try {
            if (!cache.awaitCaughtUp(STARTUP_WAIT)) {
                LOG.warnf("The users cache has not caught up within %s; not ready until it has", STARTUP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Optional<UserAccount> find(String userId) {
        return cache.get(userId);
    }

    /** @param email a normalised address ({@link Emails#normalize}) */
    public Optional<UserAccount> findByEmail(String email) {
        return cache.getByIndex(EMAIL + email);
    }

    /** The user holding a pending token or invitation with this hex SHA-256. */
    public Optional<UserAccount> findByTokenHash(String sha256) {
        return cache.getByIndex(TOKEN + sha256);
    }

    public Collection<UserAccount> all() {
        return cache.values();
    }

    /** Writes to the topic and, once acknowledged, makes the change visible here at once. */
    public void write(UserAccount user) {
        cache.write(writer, user.id(), user);
    }

    /** Writes the user's tombstone: the account is gone, with its email, hash and tokens. */
    public void delete(String userId) {
        cache.write(writer, userId, null);
    }

    CompactedTopicCache<UserAccount> cache() {
        return cache;
    }

    private static List<String> indexKeys(UserAccount user) {
        List<String> keys = new ArrayList<>(1 + user.tokens().size() + user.invitations().size());
        keys.add(EMAIL + user.email());
        user.tokens().forEach(token -> keys.add(TOKEN + token.sha256()));
        user.invitations().forEach(invitation -> keys.add(TOKEN + invitation.sha256()));
        return keys;
    }

    @PreDestroy
    void stop() {
        cache.close();
    }
}
