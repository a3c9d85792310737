package io.pushmon.gateway.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Writes each mail as a text file into a directory instead of sending it: a local run has no mail server, and
 * its user must still be able to open the link that finishes a sign-up. The files hold single-use tokens, so
 * only their owner can read them.
 */
final class MailOutbox implements ReactiveMailer {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;
    private final AtomicLong written = new AtomicLong();

    MailOutbox(Path directory) {
        this.directory = directory;
    }

    @Override
    public Uni<Void> send(Mail... mails) {
        return Uni.createFrom().<Void>item(() -> {
            for (Mail mail : mails) {
                write(mail);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void write(Mail mail) {
        String text = "To: " + String.join(", ", mail.getTo()) + "\nSubject: " + mail.getSubject() + "\n\n"
                + mail.getText();
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(System.currentTimeMillis() + "-" + written.incrementAndGet() + ".txt");
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
