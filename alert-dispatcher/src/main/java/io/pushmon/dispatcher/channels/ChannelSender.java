package io.pushmon.dispatcher.channels;

import java.util.concurrent.CompletionStage;

import io.pushmon.common.model.ChannelDefinition;

/**
 * One kind of notification channel (webhook, slack, email, ...). Implementations are CDI beans, one per kind,
 * and know only their vendor's format: retries, timeouts between attempts, fan-out and bookkeeping belong
 * to the delivery engine.
 */
public interface ChannelSender {

    /** The channel type this sender handles, as stored in {@link ChannelDefinition#type()}. */
    String type();

    /**
     * Sends one attempt. Must not block the caller: the returned stage completes when the receiver
     * answered, the per-request timeout passed, or the attempt failed. It never completes exceptionally:
     * failures are a {@link SendOutcome} of kind RETRYABLE or PERMANENT.
     */
    CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel);
}
