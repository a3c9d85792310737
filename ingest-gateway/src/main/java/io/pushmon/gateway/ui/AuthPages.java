package io.pushmon.gateway.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pushmon.gateway.accounts.AccountSessions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The pages of the account flows, public by nature: sign in, sign up, and the pages the account mails link to
 * ({@code /verify}, {@code /reset-password}, {@code /invite}). Their forms post to {@code /api/accounts}; a link
 * from a mail only shows a page, and the user's button press makes the change, so a mail scanner that fetches
 * links does not use up the token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AuthPages {

    @Inject
    AccountSessions sessions;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signin(String next, boolean verified, boolean reset);

        static native TemplateInstance signup();

        static native TemplateInstance verify(String token);

        static native TemplateInstance forgot();

        static native TemplateInstance reset(String token);

        static native TemplateInstance invite(String token, String signInLink);
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/app")).build();
    }

    /** Someone already signed in goes on to where they were headed. */
    @GET
    @Path("signin")
    public Response signIn(@QueryParam("next") String next, @QueryParam("verified") String verified,
            @QueryParam("reset") String reset, @CookieParam(AccountSessions.COOKIE) String session) {
        String target = safeNext(next);
        if (session != null && !session.isEmpty() && sessions.user(session).isPresent()) {
            return Response.seeOther(URI.create(target)).build();
        }
        return Response.ok(Templates.signin(target, verified != null, reset != null)).build();
    }

    @GET
    @Path("signup")
    public TemplateInstance signUp() {
        return Templates.signup();
    }

    @GET
    @Path("verify")
    public TemplateInstance verify(@QueryParam("token") String token) {
        return Templates.verify(token == null ? "" : token);
    }

    @GET
    @Path("forgot-password")
    public TemplateInstance forgot() {
        return Templates.forgot();
    }

    @GET
    @Path("reset-password")
    public TemplateInstance reset(@QueryParam("token") String token) {
        return Templates.reset(token == null ? "" : token);
    }

    @GET
    @Path("invite")
    public TemplateInstance invite(@QueryParam("token") String token) {
        String own = token == null ? "" : token;
        String back = "/invite?token=" + URLEncoder.encode(own, StandardCharsets.UTF_8);
        return Templates.invite(own, "/signin?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }

    /**
     * Where to go after signing in: only a path of this dashboard, so a crafted link cannot send a user who just
     * signed in to another site.
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.contains("\n") || next.contains("\r")) {
            return "/app";
        }
        return next;
    }
}
