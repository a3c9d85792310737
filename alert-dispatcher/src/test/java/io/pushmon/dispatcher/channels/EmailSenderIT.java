package io.pushmon.dispatcher.channels;

import static io.pushmon.dispatcher.channels.Channels.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.pushmon.common.channels.ChannelKind;
import io.pushmon.common.delivery.AttemptResult;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Email through the Quarkus reactive mailer to a real local SMTP server. It runs in the booted dispatcher
 * (hence the broker the delivery engine needs) so the mailer is configured exactly as in production.
 */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@WithTestResource(LocalSmtpServer.class)
class EmailSenderIT {

    @LocalSmtpServer.Inject
    GreenMail smtp;

    @Inject
    EmailSender sender;

    @Inject
    @Any
    Instance<ChannelSender> senders;

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void aDownIsMailedToEveryRecipientWithPlainTextAndHtml() throws Exception {
        SendOutcome outcome = await(sender.send(Channels.down(),
                Channels.channel("email", null, "to", "ops@example.org, oncall@example.org")));

        assertThat(outcome.kind()).isEqualTo(AttemptResult.DELIVERED);
        assertThat(smtp.waitForIncomingEmail(5_000, 2)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).as("one copy per mailbox of one message to both").hasSize(2);
        MimeMessage mail = received[0];
        assertThat(recipientsOf(mail)).containsExactly("ops@example.org", "oncall@example.org");
        assertThat(mail.getSubject()).isEqualTo("[pushmon] nightly-backup is DOWN");
        assertThat(mail.getFrom()).extracting(Address::toString).containsExactly(LocalSmtpServer.FROM);
        assertThat(mail.getHeader("X-Pushmon-Idempotency-Key")).containsExactly("mon-1:7:down:ch-1");
        assertThat(part(mail, "text/plain").strip()).isEqualTo("""
                nightly-backup is DOWN
                Reason: no push arrived in time
                Down since: 2026-11-23 20:37:59 UTC
                Last message: rsync exit <23>
                Monitor id: mon-1""");
        assertThat(part(mail, "text/html")).contains("<h2 style=\"color:#c0392b\">nightly-backup is DOWN</h2>")
                .contains("<th align=\"left\">Last message</th><td>rsync exit &lt;23&gt;</td>");
    }

    @Test
    void aRecoveryNamesTheOutageInItsSubjectAndBody() throws Exception {
        SendOutcome outcome = await(sender.send(Channels.up(), Channels.channel("email", null, "to", "ops@example.org")));

        assertThat(outcome.kind()).isEqualTo(AttemptResult.DELIVERED);
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[pushmon] nightly-backup is UP again (down for 1h 2m 5s)");
        assertThat(part(mail, "text/plain")).contains("Up since: 2026-11-23 21:40:04 UTC\nDown for: 1h 2m 5s\n");
        assertThat(part(mail, "text/html")).contains("<th align=\"left\">Down for</th><td>1h 2m 5s</td>");
    }

    @Test
    void aChannelWithoutRecipientsFailsPermanentlyWithoutMailing() throws Exception {
        SendOutcome outcome = await(sender.send(Channels.down(), Channels.channel("email", null, "to", " ")));

        assertThat(outcome).isEqualTo(SendOutcome.permanent(0, "the email channel has no to"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void everyChannelKindHasExactlyOneSenderBean() {
        List<String> types = StreamSupport.stream(senders.spliterator(), false).map(ChannelSender::type).toList();

        assertThat(types).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ChannelKind.values()).map(ChannelKind::wireName).toList());
    }

    private static List<String> recipientsOf(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            var body = multipart.getBodyPart(i);
            if (body.isMimeType(type)) {
                return body.getContent().toString().replace("\r\n", "\n");
            }
            if (body.getContent() instanceof Multipart nested) {
                for (int j = 0; j < nested.getCount(); j++) {
                    if (nested.getBodyPart(j).isMimeType(type)) {
                        return nested.getBodyPart(j).getContent().toString().replace("\r\n", "\n");
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
