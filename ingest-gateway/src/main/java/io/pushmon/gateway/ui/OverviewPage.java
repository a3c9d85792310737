package io.pushmon.gateway.ui;

import java.net.URI;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.pushmon.gateway.tenants.CallerTenant;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/** The dashboard's home: every monitor of the tenant, what needs attention first, filtered by the query. */
@Path("/app")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class OverviewPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Shell shell, Overview overview);
    }

    @Inject
    CallerTenant caller;

    @Inject
    Shells shells;

    @Inject
    OverviewModel model;

    @Inject
    SignedInUser signedIn;

    /**
     * The page, with a {@code Server-Timing} header of its two costs (model: the shell and the monitors with their
     * live states and uptime; render: the template to HTML), so a benchmark and an operator's browser dev tools see
     * which one grows with a tenant's monitors. The template is rendered here, not by Quarkus after the method, so
     * its time can be taken; {@code Vary: Accept} is what Qute's variant selection sent with the page before.
     */
    @GET
    public Response overview(@QueryParam("status") String status, @QueryParam("tag") String tag,
            @QueryParam("q") String query) {
        long start = System.nanoTime();
        TemplateInstance page = Templates.overview(shells.of("overview", "Monitors"),
                model.build(caller.tenantId(), status, tag, query));
        long built = System.nanoTime();
        String html = page.render();
        long rendered = System.nanoTime();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Vary", "Accept")
                .header("Server-Timing", String.format(Locale.ROOT, "model;dur=%.1f, render;dur=%.1f",
                        (built - start) / 1e6, (rendered - built) / 1e6))
                .build();
    }

    /** Switches the tenant the dashboard acts in, for a member of several; the filter checks the membership. */
    @GET
    @Path("tenant")
    public Response switchTenant(@QueryParam("id") String tenantId) {
        boolean member = tenantId != null && signedIn.get().user().roleIn(tenantId).isPresent();
        Response.ResponseBuilder back = Response.seeOther(URI.create("/app"));
        if (member) {
            back.cookie(new NewCookie.Builder(DashboardFilter.TENANT_COOKIE).value(tenantId).path("/")
                    .sameSite(NewCookie.SameSite.STRICT).httpOnly(true).build());
        }
        return back.build();
    }
}
