package io.pushmon.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.pushmon.system.PushmonSystem.Component;

/** A real SMTP server in the test JVM on a free port, the gateways' mailer pointed at it, and what it received. */
public final class LocalMail implements AutoCloseable {

    private final GreenMail smtp;

    private LocalMail(GreenMail smtp) {
        this.smtp = smtp;
    }

    public static LocalMail start() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return new LocalMail(smtp);
    }

    /** The builder with every gateway sending its mail here. */
    public PushmonSystem.Builder gatewaysSendHere(PushmonSystem.Builder system) {
        return system.setting(Component.GATEWAY, "quarkus.mailer.host", "127.0.0.1")
                .setting(Component.GATEWAY, "quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort()))
                .setting(Component.GATEWAY, "quarkus.mailer.from", "pushmon@system.example")
                .setting(Component.GATEWAY, "quarkus.mailer.start-tls", "DISABLED")
                .setting(Component.GATEWAY, "quarkus.mailer.mock", "false");
    }

    /** The text of the first mail to {@code to} whose subject contains {@code subject}, waiting up to 20 s. */
    public String awaitMail(String to, String subject) {
        MimeMessage mail = await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> GreenMailUtil.getHeaders(m).contains(to) && subjectOf(m).contains(subject)).findFirst()
                .orElse(null), m -> m != null);
        return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
