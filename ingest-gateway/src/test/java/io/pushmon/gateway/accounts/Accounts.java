package io.pushmon.gateway.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Helpers of the account tests: sign-up through the API and the mail read from the local SMTP server. */
public final class Accounts {

    static final String PASSWORD = "a long enough password";
    private static final Pattern TOKEN = Pattern.compile("token=(pmt_[A-Za-z0-9_-]+)");

    private Accounts() {
    }

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    public static RequestSpecification session(String session) {
        return json().header("Authorization", "Bearer " + session);
    }

    static RequestSpecification session(String session, String tenantId) {
        return session(session).header(AccountSessions.TENANT_HEADER, tenantId);
    }

    /** Signs up, verifies with the token from the mail and signs in; the session. */
    public static String signUpAndIn(GreenMail smtp, String email) {
        json().body(Map.of("email", email, "password", PASSWORD)).post("/api/accounts/signup").then().statusCode(202);
        json().body(Map.of("token", token(mailTo(smtp, email, "Verify")))).post("/api/accounts/verify")
                .then().statusCode(204);
        return signIn(email, PASSWORD);
    }

    static String signIn(String email, String password) {
        return json().body(Map.of("email", email, "password", password)).post("/api/accounts/signin")
                .then().statusCode(200).extract().path("session");
    }

    /** The only tenant of a user who just signed up. */
    static String tenantOf(String session) {
        return session(session).get("/api/accounts/me").then().statusCode(200).extract()
                .path("memberships[0].tenantId");
    }

    /** The body of the one mail to {@code email} whose subject contains {@code subject}, waiting for it. */
    static String mailTo(GreenMail smtp, String email, String subject) {
        return GreenMailUtil.getBody(Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> mails(smtp, email, subject), list -> !list.isEmpty()).get(0))
                .replace("=\r\n", "").replace("=3D", "=");
    }

    static List<MimeMessage> mails(GreenMail smtp, String email, String subject) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m, email) && subject(m).contains(subject))
                .toList();
    }

    static String token(String mailBody) {
        Matcher matcher = TOKEN.matcher(mailBody);
        assertThat(matcher.find()).as("a token link in %s", mailBody).isTrue();
        return matcher.group(1);
    }

    private static boolean to(MimeMessage message, String email) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equalsIgnoreCase(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
