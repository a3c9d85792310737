package io.pushmon.gateway.accounts;

import static io.pushmon.gateway.accounts.Accounts.PASSWORD;
import static io.pushmon.gateway.accounts.Accounts.json;
import static io.pushmon.gateway.accounts.Accounts.mailTo;
import static io.pushmon.gateway.accounts.Accounts.mails;
import static io.pushmon.gateway.accounts.Accounts.session;
import static io.pushmon.gateway.accounts.Accounts.signIn;
import static io.pushmon.gateway.accounts.Accounts.signUpAndIn;
import static io.pushmon.gateway.accounts.Accounts.token;
import static io.pushmon.gateway.accounts.Accounts.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Sign-up, verification, sign-in, sessions and password reset, with mail read from a real SMTP server. */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@WithTestResource(LocalSmtpServer.class)
class AccountSignUpIT {

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "health/live", management = true)
    URL live;

    @LocalSmtpServer.Inject
    GreenMail smtp;

    @Inject
    ShiftedAccountClock clock;

    @BeforeEach
    @AfterEach
    void realTime() {
        clock.shift(Duration.ZERO);
    }

    @Test
    void aNewAccountVerifiesByMailSignsInAndWorksWithMonitors() {
        String email = uniqueEmail("ann");
        json().body(Map.of("email", email, "password", PASSWORD, "tenantName", "Ann's jobs"))
                .post("/api/accounts/signup").then().statusCode(202);
        String mail = mailTo(smtp, email, "Verify");
        assertThat(mail).contains("http://127.0.0.1:8080/verify?token=pmt_");

        json().body(Map.of("token", token(mail))).post("/api/accounts/verify").then().statusCode(204);
        String session = signIn(email, PASSWORD);

        session(session).get("/api/accounts/me").then().statusCode(200).body("email", equalTo(email))
                .body("verified", equalTo(true)).body("memberships[0].role", equalTo("owner"))
                .body("memberships[0].tenantName", equalTo("Ann's jobs"));
        session(session).get("/api/monitors").then().statusCode(200).body("size()", equalTo(0));
        session(session).body(Map.of("name", "backup", "timeoutSeconds", 60)).post("/api/monitors")
                .then().statusCode(201);
        session(session).get("/api/monitors").then().statusCode(200).body("[0].name", equalTo("backup"));
    }

    @Test
    void anUnverifiedAccountCannotSignIn() {
        String email = uniqueEmail("unverified");
        json().body(Map.of("email", email, "password", PASSWORD)).post("/api/accounts/signup").then().statusCode(202);

        json().body(Map.of("email", email, "password", PASSWORD)).post("/api/accounts/signin").then()
                .statusCode(403).body("error", containsString("not verified"));
    }

    @Test
    void aVerificationTokenWorksOnce() {
        String email = uniqueEmail("once");
        json().body(Map.of("email", email, "password", PASSWORD)).post("/api/accounts/signup").then().statusCode(202);
        String token = token(mailTo(smtp, email, "Verify"));

        json().body(Map.of("token", token)).post("/api/accounts/verify").then().statusCode(204);
        json().body(Map.of("token", token)).post("/api/accounts/verify").then().statusCode(400)
                .body("error", containsString("not valid"));
    }

    @Test
    void signingUpWithAnAddressInUseAnswersTheSameAndMailsANote() {
        String email = uniqueEmail("taken");
        signUpAndIn(smtp, email);

        json().body(Map.of("email", email.toUpperCase(), "password", "another password!")).post("/api/accounts/signup")
                .then().statusCode(202);

        assertThat(mailTo(smtp, email, "already have an account")).contains("/reset-password");
        signIn(email, PASSWORD);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSame401() {
        String email = uniqueEmail("wrong");
        signUpAndIn(smtp, email);

        String wrong = json().body(Map.of("email", email, "password", "not the password")).post("/api/accounts/signin")
                .then().statusCode(401).extract().path("error");
        String unknown = json().body(Map.of("email", uniqueEmail("nobody"), "password", PASSWORD))
                .post("/api/accounts/signin").then().statusCode(401).extract().path("error");
        assertThat(wrong).isEqualTo(unknown).isEqualTo("the email address or the password is wrong");
    }

    @Test
    void aShortPasswordIsRefusedWithTheRule() {
        json().body(Map.of("email", uniqueEmail("short"), "password", "short")).post("/api/accounts/signup")
                .then().statusCode(400).body("error", equalTo("password must be at least 10 characters"));
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndWorksAlone() {
        String email = uniqueEmail("cookie");
        signUpAndIn(smtp, email);
        Response signIn = json().body(Map.of("email", email, "password", PASSWORD)).post("/api/accounts/signin");

        String header = signIn.getHeader("Set-Cookie");
        assertThat(header).startsWith(AccountSessions.COOKIE + "=pms_").contains("HttpOnly", "SameSite=Strict",
                "Path=/").doesNotContain("Secure");
        given().cookie(AccountSessions.COOKIE, signIn.getCookie(AccountSessions.COOKIE)).get("/api/monitors")
                .then().statusCode(200);
    }

    @Test
    void aForgedOrMissingSessionIs401() {
        session("pms_eyJ4Ijoi.AAAA").get("/api/monitors").then().statusCode(401)
                .body("error", containsString("sign in again"));
        given().get("/api/accounts/me").then().statusCode(401);
    }

    @Test
    void aPasswordResetRefusesTheOldPasswordAndEndsOldSessions() {
        String email = uniqueEmail("reset");
        String before = signUpAndIn(smtp, email);

        json().body(Map.of("email", email)).post("/api/accounts/password-reset").then().statusCode(202);
        String token = token(mailTo(smtp, email, "Reset"));
        json().body(Map.of("token", token, "password", "the new password")).post("/api/accounts/password-reset/confirm")
                .then().statusCode(204);

        session(before).get("/api/monitors").then().statusCode(401);
        json().body(Map.of("email", email, "password", PASSWORD)).post("/api/accounts/signin").then().statusCode(401);
        session(signIn(email, "the new password")).get("/api/monitors").then().statusCode(200);
        json().body(Map.of("token", token, "password", "a third password")).post("/api/accounts/password-reset/confirm")
                .then().statusCode(400);
    }

    @Test
    void anExpiredResetTokenIsRefused() {
        String email = uniqueEmail("expired");
        signUpAndIn(smtp, email);
        json().body(Map.of("email", email)).post("/api/accounts/password-reset").then().statusCode(202);
        String token = token(mailTo(smtp, email, "Reset"));

        clock.shift(Duration.ofMinutes(61));

        json().body(Map.of("token", token, "password", "the new password")).post("/api/accounts/password-reset/confirm")
                .then().statusCode(400).body("error", containsString("expired"));
    }

    @Test
    void aResetForAnUnknownAddressAnswersTheSameAndMailsNothing() {
        String email = uniqueEmail("ghost");

        json().body(Map.of("email", email)).post("/api/accounts/password-reset").then().statusCode(202)
                .body("message", notNullValue());

        assertThat(mails(smtp, email, "")).isEmpty();
    }

    @Test
    void signingOutEverywhereEndsEverySession() {
        String email = uniqueEmail("signout");
        String first = signUpAndIn(smtp, email);
        String second = signIn(email, PASSWORD);

        session(first).post("/api/accounts/signout?everywhere=true").then().statusCode(204)
                .header("Set-Cookie", containsString("Max-Age=0"));

        session(second).get("/api/monitors").then().statusCode(401);
        session(signIn(email, PASSWORD)).get("/api/monitors").then().statusCode(200);
    }

    @Test
    void repeatedBadSignInsAreThrottledWithRetryAfter() {
        String email = uniqueEmail("throttled");
        for (int i = 0; i < 5; i++) {
            json().body(Map.of("email", email, "password", "guess number " + i)).post("/api/accounts/signin")
                    .then().statusCode(401);
        }

        json().body(Map.of("email", email, "password", "guess number 6")).post("/api/accounts/signin").then()
                .statusCode(429).header("Retry-After", notNullValue()).body("error", containsString("too many"));
    }

    @Test
    void theUsersCacheIsPartOfReadinessAndLiveness() {
        given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'pushmon-gateway-users' }.status", equalTo("UP"));
        given().get(live).then().statusCode(200)
                .body("checks.find { it.name == 'pushmon-gateway-users-reader' }.status", equalTo("UP"));
    }
}
