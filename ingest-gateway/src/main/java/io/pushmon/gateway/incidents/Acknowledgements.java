package io.pushmon.gateway.incidents;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.AuditEntry;
import io.pushmon.common.model.UserAccount;
import io.pushmon.gateway.accounts.UserDirectory;
import io.pushmon.gateway.audit.AuditLog;
import io.pushmon.gateway.tenants.CallerTenant;

/**
 * Who acknowledged which incident, read back from the audit entries of {@code POST .../incidents/{n}/ack}: every
 * gateway follows the audit topic, so an acknowledgement made through one shows on all, with no topic of its own.
 * Only as far back as the audit log a gateway keeps ({@link AuditLog#KEPT} entries per tenant).
 */
@Singleton
public class Acknowledgements {

    private static final String KEY_ACTOR = "key:";
    private static final String USER_ACTOR = "user:";

    private final AuditLog audit;
    private final UserDirectory users;

    @Inject
    public Acknowledgements(AuditLog audit, UserDirectory users) {
        this.audit = audit;
        this.users = users;
    }

    /** An incident's acknowledgement. */
    public record Acknowledged(String by, Instant at) {
    }

    /** The caller as an acknowledgement names them: a user's email, or the API key. */
    public String by(CallerTenant caller) {
        return name(caller.actor());
    }

    /** The first acknowledgement of each of the monitor's incidents, by incident number. */
    public Map<Long, Acknowledged> of(String tenantId, String monitorId) {
        String prefix = "POST /api/monitors/" + monitorId + "/incidents/";
        Map<Long, Acknowledged> acknowledged = new HashMap<>();
        for (AuditEntry entry : audit.newest(tenantId, AuditLog.KEPT)) {
            String action = entry.action();
            if (entry.status() != 202 || action == null || !action.startsWith(prefix) || !action.endsWith("/ack")) {
                continue;
            }
            String number = action.substring(prefix.length(), action.length() - "/ack".length());
            if (number.chars().allMatch(Character::isDigit) && !number.isEmpty() && number.length() < 19) {
                // Newest first: what stays is the first acknowledgement.
                acknowledged.put(Long.parseLong(number), new Acknowledged(name(entry.actor()), entry.at()));
            }
        }
        return acknowledged;
    }

    private String name(String actor) {
        if (actor.startsWith(USER_ACTOR)) {
            return users.find(actor.substring(USER_ACTOR.length())).map(UserAccount::email).orElse(actor);
        }
        return actor.startsWith(KEY_ACTOR) ? "API key " + actor.substring(KEY_ACTOR.length()) : actor;
    }
}
