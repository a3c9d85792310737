package io.pushmon.gateway.accounts;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pushmon.common.model.Role;
import io.pushmon.gateway.GatewayConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * The mails of accounts, plain text, sent through {@code quarkus.mailer.*} without waiting: the request answers
 * the same whether or not the mail went out (and whether or not the address has an account). A failure is logged
 * without the recipient's link, which holds a token.
 */
@ApplicationScoped
public class AccountMail {

    private static final Logger LOG = Logger.getLogger(AccountMail.class);

    /** Further tries of a failed send, and the wait before the first of them (it doubles). */
    static final int SEND_RETRIES = 3;
    static final Duration SEND_RETRY_BACKOFF = Duration.ofMillis(200);

    private final ReactiveMailer mailer;
    private final String base;
    private final Duration verifyLifetime;
    private final Duration resetLifetime;
    private final Duration inviteLifetime;

    @Inject
    public AccountMail(ReactiveMailer mailer, GatewayConfig config) {
        this(config.accounts().mailOutbox().<ReactiveMailer>map(MailOutbox::new).orElse(mailer), config.publicUrl(), config.accounts().verifyTokenLifetime(),
                config.accounts().resetTokenLifetime(), config.accounts().inviteTokenLifetime());
    }

    AccountMail(ReactiveMailer mailer, String publicUrl, Duration verifyLifetime, Duration resetLifetime,
            Duration inviteLifetime) {
        this.mailer = mailer;
        this.base = GatewayConfig.base(publicUrl);
        this.verifyLifetime = verifyLifetime;
        this.resetLifetime = resetLifetime;
        this.inviteLifetime = inviteLifetime;
    }

    public void verification(String to, String token) {
        send(to, "verification", "[pushmon] Verify your email address",
                "Welcome to pushmon. Open this link to verify your email address and finish signing up:\n\n"
                        + base + "/verify?token=" + token + "\n\nThe link works once, for "
                        + words(verifyLifetime) + ". If you did not sign up, ignore this mail.\n");
    }

    /** Sent instead of a verification mail when someone signs up with an address that has an account. */
    public void alreadyRegistered(String to) {
        send(to, "already-registered", "[pushmon] You already have an account",
                "Someone, probably you, tried to sign up to pushmon with this address, which already has an "
                        + "account. Sign in at " + base + "/signin, or reset your password at " + base
                        + "/reset-password if you forgot it (that also verifies the address).\n\n"
                        + "If it was not you, ignore this mail: nothing changed.\n");
    }

    public void reset(String to, String token) {
        send(to, "password-reset", "[pushmon] Reset your password",
                "Open this link to choose a new password for pushmon:\n\n" + base + "/reset-password?token="
                        + token + "\n\nThe link works once, for " + words(resetLifetime)
                        + ". Setting a new password signs you out everywhere. If you did not ask for this, ignore "
                        + "this mail: your password stays as it is.\n");
    }

    public void invitation(String to, String tenantName, Role role, String invitedBy, String token) {
        send(to, "invitation", "[pushmon] You are invited to " + tenantName,
                "You are invited to the pushmon tenant \"" + tenantName + "\" as " + Roles.name(role)
                        + " (invited by " + invitedBy + "). Open this link to accept:\n\n" + base
                        + "/invite?token=" + token + "\n\nThe link works once, for "
                        + words(inviteLifetime) + ".\n");
    }

    private void send(String to, String kind, String subject, String text) {
        Mail mail = Mail.withText(to, subject, text);
        // A mail server drops idle connections that the mailer's pool still holds, and the first send on one then
        // fails although the server is fine: a few tries on fresh connections turn that into a delivered mail.
        // The price is a rare second copy when a server took the mail but the answer was lost.
        Uni.createFrom().deferred(() -> mailer.send(mail))
                .onFailure().retry().withBackOff(SEND_RETRY_BACKOFF, SEND_RETRY_BACKOFF.multipliedBy(10))
                .atMost(SEND_RETRIES)
                .subscribe().with(
                sent -> LOG.debugf("Sent the %s mail", kind),
                failure -> LOG.warnf("Could not send the %s mail (%s)", kind, failure.getClass().getName()));
    }

    private static String words(Duration duration) {
        long hours = duration.toHours();
        if (hours >= 48 && hours % 24 == 0) {
            return hours / 24 + " days";
        }
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return Math.max(1, duration.toMinutes()) + " minutes";
    }
}
