package io.pushmon.gateway.monitors;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.status.InternalServices;

/**
 * Asks the processor that owns a monitor what proposed settings would have done with its retained signals, and
 * what its current ones did, in one call: the owner reads the signals once and replays them twice.
 */
@ApplicationScoped
public class MonitorBacktests {

    private final InternalServices services;

    @Inject
    public MonitorBacktests(InternalServices services) {
        this.services = services;
    }

    /**
     * The backtest of the proposed settings on a monitor whose tenant the caller owns; the processor's answer
     * relayed when it cannot give one (a 503 while it rebalances).
     *
     * @throws io.pushmon.gateway.errors.ApiException a 400 for settings that do not fit
     */
    public Response run(MonitorDefinition monitor, BacktestRequest request) {
        Backtests.Rule proposed = (request == null ? BacktestRequest.NONE : request).over(monitor);
        Backtests.Rule current = BacktestRequest.current(monitor);
        Response answer = services.processor().post(Backtests.path(monitor.id()),
                new Backtests.Query(List.of(proposed, current)).toJson());
        if (answer.getStatus() == 404) {
            return Response.ok(BacktestView.empty(proposed, current)).build();
        }
        String body = answer.getEntity() instanceof String text ? text : null;
        Optional<Backtests.Report> report = Backtests.Report.fromAnswer(answer.getStatus(), body);
        return report.map(r -> Response.ok(BacktestView.of(r, proposed, current)).build()).orElse(answer);
    }
}
