package io.pushmon.dispatcher.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.secrets.ChannelSecrets;
import io.pushmon.common.secrets.UnreadableSecretException;
import io.pushmon.dispatcher.channels.ChannelSender;
import io.pushmon.dispatcher.channels.Notification;
import io.pushmon.dispatcher.channels.SendOutcome;
import io.quarkus.arc.All;

/**
 * The senders of all channel kinds, by type, and one guarded way to call them. Channels come as the
 * {@code channels} topic stores them; their credentials are decrypted here, for the one send, so plaintext
 * credentials are held no longer than one send.
 */
@Singleton
public class ChannelSenders {

    private static final Logger LOG = Logger.getLogger(ChannelSenders.class);

    private final Map<String, ChannelSender> byType = new HashMap<>();
    private final ChannelSecrets secrets;
    private final Duration timeout;

    @Inject
    public ChannelSenders(@All List<ChannelSender> senders, ChannelSecrets secrets, DispatcherConfig config) {
        this.secrets = secrets;
        for (ChannelSender sender : senders) {
            ChannelSender previous = byType.put(sender.type(), sender);
            if (previous != null) {
                throw new IllegalStateException("Two senders for channel type " + sender.type() + ": "
                        + previous.getClass().getName() + " and " + sender.getClass().getName());
            }
        }
        this.timeout = config.send().timeout();
    }

    /** The sender of a channel type. */
    public Optional<ChannelSender> forType(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    /**
     * Sends one attempt. The stage always completes normally, by the timeout at the latest: the limiter
     * slot of a receiver that never answers is freed after the timeout, whatever the sender does.
     */
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition stored) {
        Optional<ChannelSender> sender = forType(stored.type());
        if (sender.isEmpty()) {
            return CompletableFuture.completedFuture(
                    SendOutcome.permanent(0, "no sender for channel type " + stored.type()));
        }
        ChannelDefinition channel;
        try {
            channel = secrets.open(stored);
        } catch (UnreadableSecretException e) {
            // Retryable: the usual cause is a dispatcher started before it was given the key the gateways now
            // use, which a restart with the full pushmon.secrets.keys fixes within the retry schedule.
            LOG.warnf("Cannot send %s: %s", notification.idempotencyKey(), e.getMessage());
            return CompletableFuture.completedFuture(SendOutcome.retryable(0, null,
                    "channel credentials cannot be decrypted: " + e.getMessage()));
        }
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        try {
            sender.get().send(notification, channel).whenComplete((result, error) -> {
                if (error != null || result == null) {
                    // The exception text may carry the receiver's URL and its key: only its class is kept.
                    outcome.complete(SendOutcome.retryable(0, null, "sender failed: "
                            + (error == null ? "no outcome" : error.getClass().getSimpleName())));
                } else {
                    outcome.complete(result);
                }
            });
        } catch (RuntimeException e) {
            outcome.complete(SendOutcome.retryable(0, null, "sender failed: " + e.getClass().getSimpleName()));
        }
        return outcome.completeOnTimeout(
                SendOutcome.retryable(0, null, "no answer within " + timeout.toMillis() + " ms"),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
