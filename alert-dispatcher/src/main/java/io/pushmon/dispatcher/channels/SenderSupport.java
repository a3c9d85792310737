package io.pushmon.dispatcher.channels;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.pushmon.common.model.ChannelDefinition;

/** Small things every sender needs: reading a setting, refusing a channel that lacks one, escaping text. */
final class SenderSupport {

    private SenderSupport() {
    }

    /** The setting's value without surrounding blanks, or null when absent or blank. */
    static String setting(ChannelDefinition channel, String name) {
        String value = channel.settings().get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A channel stored without a required setting cannot start working by being retried. */
    static CompletionStage<SendOutcome> missing(ChannelDefinition channel, String name) {
        return CompletableFuture.completedFuture(
                SendOutcome.permanent(0, "the " + channel.type() + " channel has no " + name));
    }

    /** For HTML bodies and Telegram's HTML parse mode, which knows only these named entities. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Slack mrkdwn: these three characters are control characters and must be escaped. */
    static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
