package io.pushmon.bench.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * A tenant of the dashboard scenario: a user signed up through the API like anyone (its verification mail read
 * from the harness's SMTP server), its session, and its monitors created through the API with that session.
 */
final class DashboardTenant {

    /** Points in an overview row's sparkline (OverviewModel.SPARK_POINTS): a full sparkline takes this many pushes. */
    static final int SPARK_POINTS = 20;
    /** One monitor in this many goes down once and recovers: 5%. */
    static final int FLAKY_EVERY = 20;
    private static final int LONG_TIMEOUT = 3600;
    private static final int WORKERS = 8;
    private static final String PASSWORD = "a long enough benchmark password";
    private static final Pattern TOKEN = Pattern.compile("token=(pmt_[A-Za-z0-9_-]+)");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(60);
    private static final List<String> TAGS = List.of("backup", "billing", "critical", "db", "etl", "eu-west",
            "reports", "us-east");
    private static final List<String> KINDS = List.of("nightly-backup", "billing-sync", "etl-import",
            "report-mailer", "cache-cleanup");

    /** A monitor as created: what a PUT sends again, and the push token. */
    private record Created(String id, String pushToken, Map<String, Object> body, boolean flaky) {
    }

    private final DashboardClient client;
    private final String session;
    private final List<Created> monitors;
    private final AtomicLong pushesSent = new AtomicLong();
    private final AtomicLong pushFailures = new AtomicLong();

    private DashboardTenant(DashboardClient client, String session, List<Created> monitors) {
        this.client = client;
        this.session = session;
        this.monitors = monitors;
    }

    /**
     * Signs a user up, verifies it with the mailed token, signs it in and creates {@code count} monitors in its
     * tenant; returns once the gateway and the processor know every one of them.
     */
    static DashboardTenant signUp(DashboardClient client, GreenMail smtp, PushmonSystem system, String email,
            int count, int shortTimeout) throws Exception {
        Map<String, Object> credentials = Map.of("email", email, "password", PASSWORD);
        expect(202, client.post("/api/accounts/signup", credentials, null), "sign-up");
        String token = token(mailTo(smtp, email));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        DashboardClient.Answer verified = client.post("/api/accounts/verify", Map.of("token", token), null);
        while (verified.status() != 204 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            verified = client.post("/api/accounts/verify", Map.of("token", token), null);
        }
        expect(204, verified, "verification");
        String session = expect(200, client.post("/api/accounts/signin", credentials, null), "sign-in")
                .path("session").asText();

        List<Created> monitors = parallel(count, i -> create(client, session, i, shortTimeout));
        // The tenant's gateway answers for a monitor once its cache read it back; the processor must have the
        // definition before a heartbeat, or the heartbeat finds no monitor.
        String processor = system.url(Component.PROCESSOR);
        awaitEach(monitors, m -> client.get("/api/monitors/" + m.id(), session).status() == 200,
                "the gateway", Duration.ofMinutes(2));
        awaitEach(monitors, m -> client.trackedBy(processor, m.id()), "the processor", Duration.ofMinutes(2));
        return new DashboardTenant(client, session, monitors);
    }

    private static Created create(DashboardClient client, String session, int i, int shortTimeout) {
        boolean flaky = i % FLAKY_EVERY == FLAKY_EVERY / 2;
        boolean cron = !flaky && i % 10 == 9;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", String.format(Locale.ROOT, "%s-%04d", KINDS.get(i % KINDS.size()), i));
        if (cron) {
            body.put("cron", "0 3 * * *");
            body.put("timeZone", "Europe/Berlin");
            body.put("graceSeconds", 600);
        } else {
            body.put("timeoutSeconds", flaky ? shortTimeout : LONG_TIMEOUT);
            body.put("graceSeconds", 0);
        }
        body.put("tags", List.of(TAGS.get(i % TAGS.size()), TAGS.get((i / TAGS.size() + 3) % TAGS.size())));
        var created = expect(201, client.post("/api/monitors", body, session), "creating a monitor");
        return new Created(created.path("id").asText(), created.path("pushToken").asText(), body, flaky);
    }

    /** Pushes every monitor {@code times} times with a value, one monitor's pushes in order. */
    void pushAll(int times) throws Exception {
        parallel(monitors.size(), i -> {
            Created monitor = monitors.get(i);
            for (int k = 0; k < times; k++) {
                push(monitor, i, k);
            }
            return monitor;
        });
    }

    /**
     * The flaky monitors, down by now, get a 1-hour timeout and one more push: the recovery closes their incident
     * and they stay up while the page is measured.
     */
    void recover() throws Exception {
        List<Created> flaky = monitors.stream().filter(Created::flaky).toList();
        parallel(flaky.size(), i -> {
            Created monitor = flaky.get(i);
            Map<String, Object> body = new LinkedHashMap<>(monitor.body());
            body.put("timeoutSeconds", LONG_TIMEOUT);
            expect(200, client.put("/api/monitors/" + monitor.id(), body, session), "setting a 1-hour timeout");
            push(monitor, i, SPARK_POINTS);
            return monitor;
        });
    }

    private void push(Created monitor, int i, int k) {
        // A value per signal that moves, so each sparkline is a line and not flat.
        double value = Math.round((50 + 40 * Math.sin(i * 0.7 + k * 0.9)) * 10) / 10.0;
        int status = client.push(monitor.pushToken(), "value=" + value);
        pushesSent.incrementAndGet();
        if (status < 200 || status >= 300) {
            pushFailures.incrementAndGet();
        }
    }

    /** Waits until the overview shows every monitor up, with its sparkline, and the flaky ones' incidents. */
    PageContent awaitComplete(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        PageContent content = PageContent.of(client.page(session, false).html());
        while (!content.complete(size(), flakyIds().size()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            content = PageContent.of(client.page(session, false).html());
        }
        return content;
    }

    int size() {
        return monitors.size();
    }

    String session() {
        return session;
    }

    List<String> monitorIds() {
        return monitors.stream().map(Created::id).toList();
    }

    List<String> flakyIds() {
        return monitors.stream().filter(Created::flaky).map(Created::id).toList();
    }

    long pushesSent() {
        return pushesSent.get();
    }

    long pushFailures() {
        return pushFailures.get();
    }

    /** Runs {@code task} for 0..count-1 on a few threads; the results in index order; the first failure thrown. */
    private static <T> List<T> parallel(int count, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitEach(List<Created> monitors, Predicate<Created> known, String who,
            Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (Created monitor : monitors) {
            while (!known.test(monitor)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(who + " did not know every monitor of the tenant after " + within);
                }
                Thread.sleep(100);
            }
        }
    }

    private static JsonNode expect(int status, DashboardClient.Answer answer,
            String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": expected HTTP " + status + ", got " + answer.status() + " "
                    + answer.body());
        }
        return answer.body();
    }

    private static String mailTo(GreenMail smtp, String email) throws InterruptedException {
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage mail = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> GreenMailUtil.getHeaders(m).contains(email)).findFirst().orElse(null);
            if (mail != null) {
                // Quoted-printable: soft line breaks and '=' escaped.
                return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no verification mail to " + email + " within " + MAIL_WAIT);
    }

    private static String token(String body) {
        Matcher matcher = TOKEN.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no token link in the verification mail");
        }
        return matcher.group(1);
    }
}
