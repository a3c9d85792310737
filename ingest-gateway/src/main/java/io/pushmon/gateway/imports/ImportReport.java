package io.pushmon.gateway.imports;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.pushmon.common.model.MonitorDefinition;

/**
 * What an import did, check by check, in the order of the list.
 *
 * @param complete false when the import stopped because Kafka did not acknowledge a write: the checks from there
 *                 on are {@code failed}, and running the import again finishes it
 * @param created  checks that became monitors
 * @param skipped  checks left out, each with its reason
 * @param failed   checks not (or not completely) written
 * @param checks   one entry per check of the list
 */
public record ImportReport(boolean complete, int created, int skipped, int failed, List<CheckResult> checks) {

    static ImportReport of(boolean complete, List<CheckResult> checks) {
        return new ImportReport(complete, count(checks, Outcome.CREATED), count(checks, Outcome.SKIPPED),
                count(checks, Outcome.FAILED), List.copyOf(checks));
    }

    private static int count(List<CheckResult> checks, Outcome outcome) {
        return (int) checks.stream().filter(c -> c.outcome() == outcome).count();
    }

    public enum Outcome {
        @JsonProperty("created")
        CREATED,
        @JsonProperty("skipped")
        SKIPPED,
        @JsonProperty("failed")
        FAILED
    }

    /**
     * One check's outcome.
     *
     * @param index     position of the check in the list, from 0
     * @param name      the monitor's name
     * @param uuid      the check's UUID, when the list gave it
     * @param outcome   created, skipped or failed
     * @param reason    why it was skipped or failed
     * @param monitorId the monitor the check became, or the one that already has its UUID
     * @param pushPath  where that monitor takes pushes, below pushmon's public URL
     * @param paused    whether that monitor is paused
     * @param ignored   settings of the check the monitor does not have (see docs/migrating-from-healthchecks.md)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CheckResult(int index, String name, String uuid, Outcome outcome, String reason, String monitorId,
            String pushPath, Boolean paused, List<String> ignored) {

        static CheckResult created(HealthchecksCheck check, MonitorDefinition monitor) {
            return of(check, Outcome.CREATED, null, monitor);
        }

        static CheckResult skipped(HealthchecksCheck check, String reason) {
            return new CheckResult(check.index(), check.name(), check.uuid(), Outcome.SKIPPED, reason, null, null,
                    null, null);
        }

        /** Skipped because the tenant already has a monitor with this UUID: imported before. */
        static CheckResult alreadyImported(HealthchecksCheck check, MonitorDefinition existing) {
            return new CheckResult(check.index(), check.name(), check.uuid(), Outcome.SKIPPED,
                    "already imported: this monitor has the check's UUID as its push token", existing.id(),
                    pushPath(existing), existing.paused(), null);
        }

        /** @param monitor the monitor that was created before the failure, or null if none was */
        static CheckResult failed(HealthchecksCheck check, String reason, MonitorDefinition monitor) {
            return monitor == null
                    ? new CheckResult(check.index(), check.name(), check.uuid(), Outcome.FAILED, reason, null, null,
                            null, null)
                    : of(check, Outcome.FAILED, reason, monitor);
        }

        private static CheckResult of(HealthchecksCheck check, Outcome outcome, String reason,
                MonitorDefinition monitor) {
            return new CheckResult(check.index(), monitor.name(), monitor.pushToken(), outcome, reason, monitor.id(),
                    pushPath(monitor), monitor.paused(), check.ignored());
        }

        private static String pushPath(MonitorDefinition monitor) {
            return "/api/push/" + monitor.pushToken();
        }
    }
}
