package io.pushmon.gateway.accounts;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;

import io.pushmon.common.model.Role;
import io.pushmon.common.model.UserAccount;
import io.pushmon.common.model.UserAccount.Membership;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.tenants.BearerToken;

/**
 * Sessions of signed-in users: issued at sign-in, carried as the {@value #COOKIE} cookie or as
 * {@code Authorization: Bearer pms_...}, and resolved to a user and one of their tenants on each request.
 */
@ApplicationScoped
public class AccountSessions {

    public static final String COOKIE = "pushmon_session";
    /** Names the tenant a request acts in, for users who belong to several. */
    public static final String TENANT_HEADER = "X-Pushmon-Tenant";
    static final int MIN_SECRET_LENGTH = 32;

    private static final Logger LOG = Logger.getLogger(AccountSessions.class);

    /** A request's signed-in user acting in one tenant with their role there. */
    public record SignedIn(UserAccount user, String tenantId, Role role) {
    }

    private final SessionTokens tokens;
    private final UserDirectory users;
    private final boolean secureCookie;
    private final int maxAgeSeconds;

    @Inject
    public AccountSessions(GatewayConfig config, UserDirectory users, AccountClock clock) {
        this.users = users;
        this.tokens = new SessionTokens(secret(config.accounts()), config.accounts().sessionLifetime(), clock::now);
        this.secureCookie = config.publicUrl().regionMatches(true, 0, "https:", 0, "https:".length());
        this.maxAgeSeconds = (int) config.accounts().sessionLifetime().toSeconds();
    }

    private static byte[] secret(GatewayConfig.Accounts config) {
        String configured = config.sessionSecret().map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (configured == null) {
            LOG.warn("pushmon.accounts.session-secret is not set: sessions are signed with a random key of this "
                    + "process, so they end when it restarts and other gateway replicas refuse them");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        if (configured.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("pushmon.accounts.session-secret must be at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        return configured.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The session credential of a request: a {@code pms_} bearer value, or else the cookie when there is no
     * Authorization header at all (an API key in the header wins over a cookie the browser happens to send).
     *
     * @return null when the request carries no session
     */
    public static String credential(String authorization, Map<String, Cookie> cookies) {
        if (authorization != null) {
            String value = BearerToken.of(authorization);
            return SessionTokens.isSessionToken(value) ? value : null;
        }
        Cookie cookie = cookies == null ? null : cookies.get(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    public String issue(UserAccount user) {
        return tokens.issue(user.id(), user.sessionEpoch());
    }

    /** What a session token this gateway just issued says. */
    public SessionTokens.Session describe(String token) {
        return tokens.verify(token).orElseThrow(AccountSessions::expired);
    }

    /** The user of a session that is signed by this deployment, unexpired and not ended by an epoch change. */
    public Optional<UserAccount> user(String token) {
        return tokens.verify(token).flatMap(session -> users.find(session.userId())
                .filter(user -> !user.placeholder() && user.verified() && user.sessionEpoch() == session.epoch()));
    }

    /** @throws ApiException 401 without a valid session */
    public UserAccount requireUser(String token) {
        return user(token).orElseThrow(AccountSessions::expired);
    }

    /**
     * The user and the tenant the request acts in: the one named by {@value #TENANT_HEADER}, or their only one.
     *
     * @throws ApiException 401 for an invalid session, 400 when a user of several tenants names none, 404 for a
     *                      tenant they are not a member of
     */
    public SignedIn resolve(String token, String tenantHeader) {
        UserAccount user = requireUser(token);
        String tenantId = tenantHeader == null ? null : tenantHeader.trim();
        if (tenantId == null || tenantId.isEmpty()) {
            if (user.memberships().isEmpty()) {
                throw ApiException.notFound("no such tenant: this account is a member of no tenant");
            }
            if (user.memberships().size() > 1) {
                throw ApiException.badRequest("this account is a member of several tenants: name one with the "
                        + TENANT_HEADER + " header");
            }
            Membership only = user.memberships().get(0);
            return new SignedIn(user, only.tenantId(), only.role());
        }
        Role role = user.roleIn(tenantId).orElseThrow(() -> ApiException.notFound("no such tenant"));
        return new SignedIn(user, tenantId, role);
    }

    public NewCookie cookie(String token) {
        return cookie(token, maxAgeSeconds);
    }

    /** A cookie that makes the browser drop the session. */
    public NewCookie expiredCookie() {
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    private static ApiException expired() {
        return new ApiException(Status.UNAUTHORIZED, "the session is not valid or has expired: sign in again");
    }
}
