package io.pushmon.gateway.accounts;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.accounts.Accounts.PASSWORD;
import static io.pushmon.gateway.accounts.Accounts.json;
import static io.pushmon.gateway.accounts.Accounts.mailTo;
import static io.pushmon.gateway.accounts.Accounts.session;
import static io.pushmon.gateway.accounts.Accounts.signIn;
import static io.pushmon.gateway.accounts.Accounts.signUpAndIn;
import static io.pushmon.gateway.accounts.Accounts.tenantOf;
import static io.pushmon.gateway.accounts.Accounts.token;
import static io.pushmon.gateway.accounts.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Invitations, roles and tenant isolation for signed-in users. */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@WithTestResource(LocalSmtpServer.class)
class AccountMembersIT {

    @LocalSmtpServer.Inject
    GreenMail smtp;

    @Inject
    AccountService accounts;

    @Inject
    UserDirectory users;

    /** Invites a new person into the owner's tenant and returns their session there. */
    private String invited(String inviterSession, String role) {
        String email = uniqueEmail(role);
        session(inviterSession).body(Map.of("email", email, "role", role)).post("/api/members").then().statusCode(202)
                .body("role", equalTo(role));
        String token = token(mailTo(smtp, email, "invited"));
        json().body(Map.of("token", token, "password", PASSWORD)).post("/api/accounts/invitations/accept")
                .then().statusCode(200).body("role", equalTo(role));
        return signIn(email, PASSWORD);
    }

    @Test
    void anInviteeOfAnAdminAcceptsAndSeesTheTenantsMonitors() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        session(owner).body(Map.of("name", "nightly", "timeoutSeconds", 60)).post("/api/monitors").then()
                .statusCode(201);
        String admin = invited(owner, "admin");

        String email = uniqueEmail("invitee");
        session(admin).body(Map.of("email", email, "role", "member")).post("/api/members").then().statusCode(202);
        String mail = mailTo(smtp, email, "invited");
        assertThat(mail).contains("/invite?token=pmt_", "as member");
        json().body(Map.of("token", token(mail), "password", PASSWORD)).post("/api/accounts/invitations/accept")
                .then().statusCode(200).body("tenantId", equalTo(tenantOf(owner)));
        String member = signIn(email, PASSWORD);

        session(member).get("/api/monitors").then().statusCode(200).body("name", hasItem("nightly"));
        session(owner).get("/api/members").then().statusCode(200).body("email", hasItem(email))
                .body("find { it.email == '" + email + "' }.role", equalTo("member"));
        json().body(Map.of("token", token(mail), "password", PASSWORD)).post("/api/accounts/invitations/accept")
                .then().statusCode(400);
    }

    @Test
    void aSignedInUserOfTwoTenantsNamesOneWithAHeader() {
        String owner = signUpAndIn(smtp, uniqueEmail("host"));
        String email = uniqueEmail("guest");
        String guest = signUpAndIn(smtp, email);
        String guestTenant = tenantOf(guest);
        session(owner).body(Map.of("email", email, "role", "read-only")).post("/api/members").then().statusCode(202);
        session(guest).body(Map.of("token", token(mailTo(smtp, email, "invited")))).post("/api/accounts/invitations/accept")
                .then().statusCode(200).body("role", equalTo("read-only"));

        session(guest).get("/api/monitors").then().statusCode(400).body("error", containsString("X-Pushmon-Tenant"));
        session(guest, tenantOf(owner)).get("/api/monitors").then().statusCode(200);
        session(guest, guestTenant).body(Map.of("name", "mine", "timeoutSeconds", 60)).post("/api/monitors")
                .then().statusCode(201);
        session(guest, "t_not_a_member").get("/api/monitors").then().statusCode(404)
                .body("error", equalTo("no such tenant"));
    }

    @Test
    void aReadOnlyMemberCanReadButCannotCreateAMonitor() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String readOnly = invited(owner, "read-only");

        session(readOnly).get("/api/monitors").then().statusCode(200);
        session(readOnly).body(Map.of("name", "nope", "timeoutSeconds", 60)).post("/api/monitors").then()
                .statusCode(403).body("error", equalTo("a read-only member can only read"));
    }

    @Test
    void aMemberWritesMonitorsButCannotCreateAnApiKeyOrSeeThePingKey() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String member = invited(owner, "member");

        session(member).body(Map.of("name", "ok", "timeoutSeconds", 60)).post("/api/monitors").then().statusCode(201);
        session(member).body(Map.of()).post("/api/keys").then().statusCode(403)
                .body("error", equalTo("this needs the role admin or higher"));
        session(member).get("/api/ping-key").then().statusCode(403);
        session(member).body(Map.of("email", uniqueEmail("x"), "role", "member")).post("/api/members").then()
                .statusCode(403);
        session(owner).body(Map.of()).post("/api/keys").then().statusCode(201);
    }

    @Test
    void onlyAnOwnerGrantsTheOwnerRoleAndTheLastOwnerStays() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String ownerId = session(owner).get("/api/accounts/me").then().extract().path("id");
        String admin = invited(owner, "admin");

        session(admin).body(Map.of("email", uniqueEmail("x"), "role", "owner")).post("/api/members").then()
                .statusCode(403);
        session(admin).body(Map.of("role", "member")).patch("/api/members/" + ownerId).then().statusCode(403);
        session(owner).delete("/api/members/" + ownerId).then().statusCode(409);
        session(owner).body(Map.of("role", "admin")).patch("/api/members/" + ownerId).then().statusCode(409);
    }

    @Test
    void aUserOfAnotherTenantGets404ForItsMonitorChannelMemberAndKey() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String ownerId = session(owner).get("/api/accounts/me").then().extract().path("id");
        String monitorId = session(owner).body(Map.of("name", "private", "timeoutSeconds", 60)).post("/api/monitors")
                .then().statusCode(201).extract().path("id");
        String channelId = session(owner).body(Map.of("name", "hook", "type", "webhook", "url",
                "https://hooks.example.org/x")).post("/api/channels").then().statusCode(201).extract().path("id");
        String keyId = session(owner).body(Map.of()).post("/api/keys").then().statusCode(201).extract().path("id");
        String stranger = signUpAndIn(smtp, uniqueEmail("stranger"));

        session(stranger).get("/api/monitors/" + monitorId).then().statusCode(404);
        session(stranger).delete("/api/monitors/" + monitorId).then().statusCode(404);
        session(stranger).get("/api/channels/" + channelId).then().statusCode(404);
        session(stranger).body(Map.of("role", "read-only")).patch("/api/members/" + ownerId).then().statusCode(404);
        session(stranger).delete("/api/members/" + ownerId).then().statusCode(404);
        session(stranger).delete("/api/keys/" + keyId).then().statusCode(404);
        session(stranger, tenantOf(owner)).get("/api/monitors/" + monitorId).then().statusCode(404);
        session(owner).get("/api/monitors/" + monitorId).then().statusCode(200);
    }

    @Test
    void aRemovedMemberLosesTheTenantAtOnce() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String member = invited(owner, "member");
        String memberId = session(member).get("/api/accounts/me").then().extract().path("id");

        session(owner).delete("/api/members/" + memberId).then().statusCode(204);

        session(member).get("/api/monitors").then().statusCode(404);
    }

    @Test
    void aReadWriteApiKeyActsAsAdminAndInvites() {
        String email = uniqueEmail("by-key");

        api(DEFAULT_KEY).body(Map.of("email", email, "role", "member")).post("/api/members").then().statusCode(202);
        api(DEFAULT_KEY).body(Map.of("email", email, "role", "owner")).post("/api/members").then().statusCode(403);

        assertThat(mailTo(smtp, email, "invited")).contains("invited by an API key");
        api(DEFAULT_KEY).get("/api/members/invitations").then().statusCode(200).body("email", hasItem(email));
    }

    @Test
    void removingATenantDropsItsMembershipsInvitationsAndTheUsersItHadAlone() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String tenantId = tenantOf(owner);
        String ownerId = session(owner).get("/api/accounts/me").then().extract().path("id");
        String invitee = uniqueEmail("pending");
        session(owner).body(Map.of("email", invitee, "role", "member")).post("/api/members").then().statusCode(202);
        String elsewhere = uniqueEmail("elsewhere");
        String other = signUpAndIn(smtp, elsewhere);
        session(owner).body(Map.of("email", elsewhere, "role", "member")).post("/api/members").then().statusCode(202);
        session(other).body(Map.of("token", token(mailTo(smtp, elsewhere, "invited"))))
                .post("/api/accounts/invitations/accept").then().statusCode(200);
        String otherId = session(other).get("/api/accounts/me").then().extract().path("id");

        assertThat(accounts.removeTenant(tenantId)).isEqualTo(3);

        assertThat(users.find(ownerId)).as("the owner belonged to this tenant alone").isEmpty();
        assertThat(users.findByEmail(invitee)).as("an invitation to it was all the placeholder held").isEmpty();
        assertThat(users.find(otherId).orElseThrow().memberships()).extracting(m -> m.tenantId())
                .doesNotContain(tenantId).isNotEmpty();
        session(owner).get("/api/monitors").then().statusCode(401);
    }

    @Test
    void anInvitationToAnAccountIsAcceptedOnlyByItsSignedInOwner() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String email = uniqueEmail("existing");
        String existing = signUpAndIn(smtp, email);
        String other = signUpAndIn(smtp, uniqueEmail("other"));
        session(owner).body(Map.of("email", email, "role", "member")).post("/api/members").then().statusCode(202);
        String token = token(mailTo(smtp, email, "invited"));

        json().body(Map.of("token", token, "password", "any password at all")).post("/api/accounts/invitations/accept")
                .then().statusCode(401);
        session(other).body(Map.of("token", token)).post("/api/accounts/invitations/accept").then().statusCode(403);
        session(existing).body(Map.of("token", token)).post("/api/accounts/invitations/accept").then()
                .statusCode(200);
    }

    @Test
    void anInvitedAddressThatSignsUpKeepsItsInvitation() {
        String owner = signUpAndIn(smtp, uniqueEmail("owner"));
        String email = uniqueEmail("late");
        session(owner).body(Map.of("email", email, "role", "member")).post("/api/members").then().statusCode(202);
        String invitation = token(mailTo(smtp, email, "invited"));

        String session = signUpAndIn(smtp, email);
        session(session).body(Map.of("token", invitation)).post("/api/accounts/invitations/accept").then()
                .statusCode(200);

        session(session).get("/api/accounts/me").then().statusCode(200).body("memberships.size()", equalTo(2));
        session(session, tenantOf(owner)).get("/api/monitors").then().statusCode(200);
    }
}
