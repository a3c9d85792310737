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

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.dispatcher.channels.ChannelSender;
import io.pushmon.dispatcher.channels.Notification;
import io.pushmon.dispatcher.channels.SendOutcome;
import io.quarkus.arc.All;

/** The senders of all channel kinds, by type, and one guarded way to call them. */
@Singleton
public class ChannelSenders {

    private final Map<String, ChannelSender> byType = new HashMap<>();
    private final Duration timeout;

    @Inject
    public ChannelSenders(@All List<ChannelSender> senders, DispatcherConfig config) {
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
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
        Optional<ChannelSender> sender = forType(channel.type());
        if (sender.isEmpty()) {
            return CompletableFuture.completedFuture(
                    SendOutcome.permanent(0, "no sender for channel type " + channel.type()));
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
