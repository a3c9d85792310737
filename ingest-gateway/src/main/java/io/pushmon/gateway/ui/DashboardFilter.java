package io.pushmon.gateway.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.pushmon.gateway.accounts.AccountSessions;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.CallerTenant;

/**
 * Signs every dashboard page ({@code /app} and below) in from the session cookie, in the tenant the
 * {@value #TENANT_COOKIE} cookie names (else the user's first). A page without a valid session sends the browser
 * to the sign-in page and back afterwards; the API's filter answers 401 JSON instead, which a browser cannot use.
 */
public class DashboardFilter {

    /** The tenant the dashboard acts in, for users who belong to several; not a credential. */
    public static final String TENANT_COOKIE = "pushmon_tenant";

    @Inject
    AccountSessions sessions;

    @Inject
    CallerTenant caller;

    @Inject
    SignedInUser signedIn;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> signIn(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/app") && !path.startsWith("/app/")) {
            return Optional.empty();
        }
        Map<String, Cookie> cookies = request.getCookies();
        Cookie session = cookies.get(AccountSessions.COOKIE);
        if (session == null || session.getValue().isEmpty()) {
            return Optional.of(toSignIn(request));
        }
        try {
            var user = sessions.requireUser(session.getValue());
            if (user.memberships().isEmpty()) {
                return Optional.of(toSignIn(request));
            }
            Cookie chosen = cookies.get(TENANT_COOKIE);
            String tenantId = chosen != null && user.roleIn(chosen.getValue()).isPresent() ? chosen.getValue()
                    : user.memberships().get(0).tenantId();
            var resolved = sessions.resolve(session.getValue(), tenantId);
            caller.authenticateUser(resolved.tenantId(), user.id(), resolved.role());
            signedIn.set(resolved);
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(toSignIn(request));
        }
    }

    private static Response toSignIn(ContainerRequestContext request) {
        String next = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query != null) {
            next += "?" + query;
        }
        return Response.seeOther(URI.create("/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
                .build();
    }
}
