package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushmon.system.PushmonSystem.Component;

/**
 * Accounts on two gateway processes sharing a session secret and no session store: a session issued by one is
 * accepted by the other, and signing out everywhere on one ends it on both. Mail goes to a real SMTP server in
 * this JVM.
 */
class AccountsEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "system-test-session-secret-shared-by-both-gateways";
    private static final String PASSWORD = "a long enough password";
    private static final Pattern TOKEN = Pattern.compile("token=(pmt_[A-Za-z0-9_-]+)");

    private static LocalMail mail;
    private static PushmonSystem system;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        mail = LocalMail.start();
        system = mail.gatewaysSendHere(PushmonSystem.builder().services(Component.GATEWAY)
                .instances(Component.GATEWAY, 2).setting(Component.GATEWAY, "pushmon.accounts.session-secret", SECRET))
                .start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void aSessionFromOneGatewayWorksOnTheOtherUntilSignedOutEverywhere() throws Exception {
        String email = "e2e-" + System.nanoTime() + "@example.org";
        assertThat(post(0, "/api/accounts/signup", Map.of("email", email, "password", PASSWORD), null).statusCode())
                .isEqualTo(202);
        String token = token(mail.awaitMail(email, ""));
        // The verification lands on the other gateway: both read the users topic.
        await().atMost(Duration.ofSeconds(20)).until(() -> post(1, "/api/accounts/verify", Map.of("token", token),
                null).statusCode() == 204);

        HttpResponse<String> signIn = post(0, "/api/accounts/signin", Map.of("email", email, "password", PASSWORD),
                null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        String session = JSON.readTree(signIn.body()).path("session").asText();

        assertThat(get(1, "/api/accounts/me", session).statusCode()).isEqualTo(200);
        HttpResponse<String> created = post(1, "/api/monitors", Map.of("name", "e2e", "timeoutSeconds", 60), session);
        assertThat(created.statusCode()).isEqualTo(201);
        String monitorId = JSON.readTree(created.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> get(0, "/api/monitors/" + monitorId, session)
                .statusCode() == 200);

        assertThat(post(1, "/api/accounts/signout?everywhere=true", null, session).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(0, "/api/monitors", session).statusCode() == 401);
        assertThat(get(1, "/api/monitors", session).statusCode()).isEqualTo(401);
    }

    private static String token(String body) {
        Matcher matcher = TOKEN.matcher(body);
        assertThat(matcher.find()).as("a token link in %s", body).isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<String> get(int gateway, String path, String session)
            throws IOException, InterruptedException {
        return HTTP.send(request(gateway, path, session).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int gateway, String path, Object body, String session)
            throws IOException, InterruptedException {
        String json = body == null ? "" : JSON.writeValueAsString(body);
        return HTTP.send(request(gateway, path, session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int gateway, String path, String session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(Component.GATEWAY, gateway) + path))
                .timeout(Duration.ofSeconds(15));
        return session == null ? request : request.header("Authorization", "Bearer " + session);
    }
}
