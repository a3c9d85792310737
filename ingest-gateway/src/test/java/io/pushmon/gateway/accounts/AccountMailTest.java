package io.pushmon.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pushmon.common.model.Role;
import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;

class AccountMailTest {

    private static final String TOKEN = "pmt_the-secret-token-of-this-test";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(AccountMail.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
    }

    @Test
    void aFailedSendReturnsAndIsLoggedWithoutTheLink() {
        logger.addHandler(capture);
        List<Mail> sent = new CopyOnWriteArrayList<>();
        AccountMail mail = new AccountMail(mails -> {
            sent.addAll(List.of(mails));
            return Uni.createFrom().failure(new IllegalStateException("550 refused " + mails[0].getText()));
        }, "https://pushmon.example/", Duration.ofHours(24), Duration.ofHours(1), Duration.ofDays(7));

        mail.verification("ann@example.org", TOKEN);
        mail.reset("ann@example.org", TOKEN);
        mail.invitation("ann@example.org", "Acme", Role.READ_ONLY, "bob@example.org", TOKEN);

        assertThat(sent).extracting(Mail::getText).allSatisfy(text -> assertThat(text).contains(TOKEN))
                .anySatisfy(text -> assertThat(text).contains("https://pushmon.example/verify?token=" + TOKEN,
                        "for 24 hours"))
                .anySatisfy(text -> assertThat(text).contains("https://pushmon.example/reset-password?token=", "1 hour"))
                .anySatisfy(text -> assertThat(text).contains("as read-only", "for 7 days"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logged.size() == 3);
        assertThat(sent).hasSize(3 * (1 + AccountMail.SEND_RETRIES));
        assertThat(logged).allSatisfy(line -> assertThat(line).contains("Could not send")
                .doesNotContain(TOKEN).doesNotContain("ann@example.org"));
    }

    @Test
    void aSendThatFailsOnceIsTriedAgainAndDeliveredOnce() {
        logger.addHandler(capture);
        List<Mail> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        AccountMail mail = new AccountMail(mails -> {
            if (attempts.incrementAndGet() == 1) {
                return Uni.createFrom().failure(new IllegalStateException("connection closed by the server"));
            }
            delivered.addAll(List.of(mails));
            return Uni.createFrom().voidItem();
        }, "https://pushmon.example/", Duration.ofHours(24), Duration.ofHours(1), Duration.ofDays(7));

        mail.verification("ann@example.org", TOKEN);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
        assertThat(attempts).hasValue(2);
        assertThat(logged).noneMatch(line -> line.contains("Could not send"));
    }

    @Test
    void anOutboxWritesEachMailAsAFileOnlyItsOwnerCanRead(@TempDir Path outbox) throws Exception {
        AccountMail mail = new AccountMail(new MailOutbox(outbox), "http://127.0.0.1:8080", Duration.ofHours(24),
                Duration.ofHours(1), Duration.ofDays(7));

        mail.verification("ann@example.org", TOKEN);

        Path file = Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            try (var files = Files.list(outbox)) {
                return files.findFirst().orElse(null);
            }
        }, found -> found != null && found.toFile().length() > 0);
        assertThat(Files.readString(file)).startsWith("To: ann@example.org\nSubject: [pushmon] Verify your email")
                .contains("http://127.0.0.1:8080/verify?token=" + TOKEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
