package io.pushmon.gateway.ui;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pushmon.gateway.status.LiveStatusResource;
import io.pushmon.gateway.tenants.CallerTenant;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/** A monitor's page, and the form that creates or edits one. */
@Path("/app/monitors")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class MonitorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance monitor(Shell shell, MonitorPageModel.Page page);

        static native TemplateInstance edit(Shell shell, MonitorForm form);
    }

    @Inject
    CallerTenant caller;

    @Inject
    Shells shells;

    @Inject
    MonitorPageModel model;

    @Inject
    LiveStatusResource history;

    @GET
    @Path("new")
    public TemplateInstance create() {
        return Templates.edit(shells.of("overview", "New monitor"),
                MonitorForm.blank(model.channelChoices(caller.tenantId(), List.of())));
    }

    @GET
    @Path("{id}")
    public TemplateInstance monitor(@PathParam("id") String id) {
        var page = model.build(caller.tenantId(), id, !caller.readOnly());
        return Templates.monitor(shells.of("overview", page.monitor().name()), page);
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance edit(@PathParam("id") String id) {
        var monitor = model.definition(caller.tenantId(), id, false);
        return Templates.edit(shells.of("overview", "Edit " + monitor.name()),
                MonitorForm.of(monitor, model.channelChoices(caller.tenantId(), monitor.channelIds())));
    }

    /** A signal's body, as the API gives it; a link cannot send the API's tenant header, this page's cookie can. */
    @GET
    @Path("{id}/heartbeats/{seq}/body")
    @Produces({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON })
    public Response body(@PathParam("id") String id, @PathParam("seq") long seq) {
        return history.body(id, seq);
    }
}
