package io.pushmon.dispatcher.channels;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.pushmon.common.model.ChannelDefinition;

/**
 * A chat service's incoming webhook (Slack, Discord, Teams): the channel's {@code url} setting is both the
 * address and the credential, and the only thing that differs between vendors is the JSON they accept.
 */
abstract class IncomingWebhookSender implements ChannelSender {

    private final ChannelHttp http;

    IncomingWebhookSender(ChannelHttp http) {
        this.http = http;
    }

    /** The vendor's message body for this alert. */
    abstract Map<String, Object> body(AlertText text);

    @Override
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
        String url = SenderSupport.setting(channel, "url");
        if (url == null) {
            return SenderSupport.missing(channel, "url");
        }
        return http.postJson(url, body(AlertText.of(notification)), Map.of(), List.of(), false);
    }
}
