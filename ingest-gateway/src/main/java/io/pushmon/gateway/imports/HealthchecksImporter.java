package io.pushmon.gateway.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response.Status;

import io.pushmon.common.kafka.KafkaUnavailableException;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.imports.ImportReport.CheckResult;
import io.pushmon.gateway.monitors.MonitorRequest;
import io.pushmon.gateway.monitors.MonitorService;

/**
 * Creates a tenant's monitors from Healthchecks checks, one after the other, each through {@link MonitorService}
 * with the rules of {@code POST /api/monitors}. A check whose UUID is already one of the tenant's push tokens was
 * imported before and is skipped, so an import can be run again until every check is in.
 */
@ApplicationScoped
public class HealthchecksImporter {

    private static final String UNACKNOWLEDGED = "the event log did not acknowledge the write in time, so it may or "
            + "may not have happened; run the import again once pushmon is healthy";

    private final MonitorService monitors;
    private final Validator validator;

    @Inject
    public HealthchecksImporter(MonitorService monitors, Validator validator) {
        this.monitors = monitors;
        this.validator = validator;
    }

    /**
     * Imports the checks in their order. It stops at the first write Kafka does not acknowledge, because the
     * next ones would only wait out the same timeout: the report is then incomplete and says which checks are not
     * in.
     */
    public ImportReport importChecks(String tenantId, List<HealthchecksCheck> checks) {
        Map<String, MonitorDefinition> byToken = new HashMap<>();
        for (MonitorDefinition monitor : monitors.list(tenantId)) {
            byToken.put(monitor.pushToken(), monitor);
        }
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (HealthchecksCheck check : checks) {
            CheckResult result = importOne(tenantId, check, byToken);
            results.add(result);
            if (result.outcome() == ImportReport.Outcome.FAILED) {
                for (HealthchecksCheck rest : checks.subList(results.size(), checks.size())) {
                    results.add(CheckResult.failed(rest, "not attempted: the import stopped at check "
                            + check.index(), null));
                }
                return ImportReport.of(false, results);
            }
        }
        return ImportReport.of(true, results);
    }

    private CheckResult importOne(String tenantId, HealthchecksCheck check, Map<String, MonitorDefinition> byToken) {
        if (check.uuid() == null) {
            return CheckResult.skipped(check, check.uuidProblem());
        }
        MonitorDefinition existing = byToken.get(check.uuid());
        if (existing != null) {
            return CheckResult.alreadyImported(check, existing);
        }
        MonitorRequest request = check.toRequest();
        String invalid = violations(request);
        if (invalid != null) {
            return CheckResult.skipped(check, "pushmon cannot take this check: " + invalid);
        }
        MonitorDefinition created;
        try {
            created = monitors.create(tenantId, request);
        } catch (ApiException e) {
            if (e.status() != Status.CONFLICT) {
                return CheckResult.skipped(check, "pushmon cannot take this check: " + e.getMessage());
            }
            // Taken since the list above was read, by a concurrent import of this tenant, or by another tenant.
            return monitors.list(tenantId).stream().filter(m -> m.pushToken().equals(check.uuid())).findFirst()
                    .map(m -> CheckResult.alreadyImported(check, m))
                    .orElseGet(() -> CheckResult.skipped(check, "its UUID is already the push token of another "
                            + "tenant's monitor"));
        } catch (KafkaUnavailableException e) {
            return CheckResult.failed(check, "not created: " + UNACKNOWLEDGED, null);
        }
        byToken.put(created.pushToken(), created);
        if (!check.paused()) {
            return CheckResult.created(check, created);
        }
        try {
            return CheckResult.created(check, monitors.pause(tenantId, created.id()));
        } catch (KafkaUnavailableException e) {
            // Running the import again would find the monitor and skip it, so the pause is left to the caller.
            return CheckResult.failed(check, "created, but the pause was not acknowledged in time and may or may "
                    + "not have happened; pause it with POST /api/monitors/" + created.id() + "/pause", created);
        }
    }

    /** The bean constraints {@code POST /api/monitors} checks, in the words of its 400 answers. */
    private String violations(MonitorRequest request) {
        String message = validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
                .map(ConstraintViolation::getMessage).distinct().collect(Collectors.joining("; "));
        return message.isEmpty() ? null : message;
    }
}
