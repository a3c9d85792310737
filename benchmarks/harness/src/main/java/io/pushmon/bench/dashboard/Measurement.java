package io.pushmon.bench.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushmon.bench.metrics.ProcessCpu;
import io.pushmon.bench.report.Distribution;

/**
 * Sequential page requests of several tenants in alternating rounds, so a noisy neighbour on the machine hits
 * every tenant alike; per tenant the Server-Timing figures, the time to last byte, the page sizes and the CPU the
 * harness and the services used during its rounds.
 */
final class Measurement {

    /** One tenant's requests of a run. Durations in microseconds. */
    static final class Series {

        private final List<Long> model = new ArrayList<>();
        private final List<Long> render = new ArrayList<>();
        private final List<Long> server = new ArrayList<>();
        private final List<Long> ttlb = new ArrayList<>();
        private final List<Long> bytes = new ArrayList<>();
        private int count;
        private int failures;
        private long harnessCpuMicros;
        private long wallMicros;
        private long[] serverCpuMicros;
        private DashboardClient.Page last;

        Series(int servers) {
            serverCpuMicros = new long[servers];
        }

        void add(DashboardClient.Page page, boolean gzip) {
            count++;
            last = page;
            boolean encoded = !gzip || "gzip".equalsIgnoreCase(page.encoding());
            if (page.status() != 200 || !page.timed() || !encoded) {
                failures++;
                return;
            }
            model.add(page.modelMicros());
            render.add(page.renderMicros());
            server.add(page.modelMicros() + page.renderMicros());
            ttlb.add(page.ttlbMicros());
            bytes.add((long) page.body().length);
        }

        Distribution model() {
            return Distribution.of(model);
        }

        Distribution render() {
            return Distribution.of(render);
        }

        /** Model + render of each request. */
        Distribution server() {
            return Distribution.of(server);
        }

        Distribution ttlb() {
            return Distribution.of(ttlb);
        }

        long medianBytes() {
            return Distribution.of(bytes).p50();
        }

        int count() {
            return count;
        }

        /** Answers not 200, without both Server-Timing durations, or not gzipped when asked. */
        int failures() {
            return failures;
        }

        /** The harness process's CPU time (all its threads) over this tenant's rounds. */
        long harnessCpuMicros() {
            return harnessCpuMicros;
        }

        long wallMicros() {
            return wallMicros;
        }

        /** CPU time of each server process measured, over this tenant's rounds. */
        long[] serverCpuMicros() {
            return serverCpuMicros;
        }

        String lastBody() {
            return last == null ? "" : last.html();
        }
    }

    private final DashboardClient client;
    private final Map<Integer, DashboardTenant> tenants;
    private final int round;

    Measurement(DashboardClient client, Map<Integer, DashboardTenant> tenants, int round) {
        this.client = client;
        this.tenants = tenants;
        this.round = round;
    }

    /**
     * {@code perTenant} requests of each tenant, {@code round} at a time, tenants taking turns; the CPU time of
     * the given processes (may be null for none) is read around each round.
     */
    Map<Integer, Series> run(int perTenant, boolean gzip, long[] serverPids) throws Exception {
        long[] pids = serverPids == null ? new long[0] : serverPids;
        Map<Integer, Series> series = new LinkedHashMap<>();
        tenants.keySet().forEach(size -> series.put(size, new Series(pids.length)));
        for (int done = 0; done < perTenant; done += round) {
            int requests = Math.min(round, perTenant - done);
            for (Map.Entry<Integer, DashboardTenant> tenant : tenants.entrySet()) {
                Series of = series.get(tenant.getKey());
                long[] before = new long[pids.length];
                for (int i = 0; i < pids.length; i++) {
                    before[i] = ProcessCpu.of(pids[i]).toNanos();
                }
                long cpuStart = ProcessCpu.ownNanos();
                long wallStart = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    of.add(client.page(tenant.getValue().session(), gzip), gzip);
                }
                of.wallMicros += (System.nanoTime() - wallStart) / 1_000;
                of.harnessCpuMicros += (ProcessCpu.ownNanos() - cpuStart) / 1_000;
                for (int i = 0; i < pids.length; i++) {
                    of.serverCpuMicros[i] += (ProcessCpu.of(pids[i]).toNanos() - before[i]) / 1_000;
                }
            }
        }
        return series;
    }
}
