package io.pushmon.dispatcher.channels;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.channels.ChannelSettings;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.Notice;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;

/**
 * Email through the dispatcher's SMTP server (the Quarkus reactive mailer, {@code quarkus.mailer.*}): one
 * message to the channel's recipients with a plain-text and an HTML part.
 */
@Singleton
public class EmailSender implements ChannelSender {

    static final String IDEMPOTENCY_HEADER = "X-Pushmon-Idempotency-Key";

    private final ReactiveMailer mailer;
    private final ChannelsConfig config;

    @Inject
    public EmailSender(ReactiveMailer mailer, ChannelsConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
        List<String> recipients = ChannelSettings.emailRecipients(SenderSupport.setting(channel, "to"));
        if (recipients.isEmpty()) {
            return SenderSupport.missing(channel, "to");
        }
        AlertText text = AlertText.of(notification);
        Mail mail = new Mail()
                .setTo(recipients)
                .setSubject(subject(text))
                .setText(text.plainText())
                .setHtml(html(text))
                .addHeader(IDEMPOTENCY_HEADER, notification.idempotencyKey());
        return mailer.send(mail)
                .ifNoItem().after(config.requestTimeout()).fail()
                .map(nothing -> SendOutcome.delivered(0))
                .onFailure().recoverWithItem(EmailSender::failure)
                .subscribeAsCompletionStage();
    }

    static String subject(AlertText text) {
        String outage = text.kind() == Notice.Kind.UP ? text.outageText() : null;
        return "[pushmon] " + text.title() + (outage == null ? "" : " (down for " + outage + ")");
    }

    static String html(AlertText text) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h2 style=\"color:")
                .append(text.acknowledged() ? "#b9770e" : text.down() ? "#c0392b" : "#27ae60").append("\">")
                .append(SenderSupport.html(text.title())).append("</h2><table>");
        text.fields().forEach(f -> html.append("<tr><th align=\"left\">").append(SenderSupport.html(f.label()))
                .append("</th><td>").append(SenderSupport.html(f.value())).append("</td></tr>"));
        return html.append("<tr><th align=\"left\">").append(text.grouped() ? "Group id" : "Monitor id")
                .append("</th><td>")
                .append(SenderSupport.html(text.event().monitorId())).append("</td></tr></table></body></html>")
                .toString();
    }

    /** SMTP says itself whether a failure is worth retrying: 4xx replies are transient, 5xx are not. */
    private static SendOutcome failure(Throwable cause) {
        if (cause instanceof SMTPException smtp) {
            String error = "SMTP " + smtp.getReplyCode() + ": " + smtp.getReplyMessage();
            return smtp.isPermanent() ? SendOutcome.permanent(0, error) : SendOutcome.retryable(0, null, error);
        }
        if (cause instanceof TimeoutException) {
            return SendOutcome.retryable(0, null, "the SMTP server did not answer in time");
        }
        return SendOutcome.retryable(0, null, "sending mail failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ", " + cause.getMessage()));
    }
}
