package io.pushmon.gateway.statuspage;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.gateway.errors.ApiError;
import io.pushmon.gateway.tenants.PublicEndpoint;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A tenant's public status page, {@code /status/{slug}} as HTML and {@code /status/{slug}.json} as data, for anyone:
 * the tenant chose to publish it. An unknown slug and a page that is off answer the same 404.
 */
@Path("/status")
@PublicEndpoint
@Tag(name = "status page")
public class StatusPageResource {

    /** As for badges: a page refreshed by many visitors is built at most twice a minute per cache in between. */
    static final String CACHE_CONTROL = "public, max-age=30";

    @CheckedTemplate(basePath = "StatusPage")
    static class Templates {

        static native TemplateInstance page(StatusPageView view);
    }

    @Inject
    StatusPageModel model;

    @GET
    @Path("/{slug: [a-z0-9-]+}.json")
    @Operation(summary = "A status page as JSON", description = "Title, overall status and per monitor: name, "
            + "status, uptime over 24h/7d/30d/90d, 90 daily bars and the incidents of 90 days.")
    @APIResponse(responseCode = "200", description = "The page; cacheable for 30 s")
    @APIResponse(responseCode = "404", description = "No enabled status page has this slug")
    public Response json(@PathParam("slug") String slug) {
        Optional<StatusPageView> view = model.forSlug(slug);
        if (view.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("no status page here")).build();
        }
        return Response.ok(view.get(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL,
                CACHE_CONTROL).build();
    }

    @GET
    @Path("/{slug: [a-z0-9-]+}")
    @Operation(summary = "A status page", description = "The same as the JSON, as a self-contained HTML page.")
    @APIResponse(responseCode = "200", description = "The page; cacheable for 30 s")
    @APIResponse(responseCode = "404", description = "No enabled status page has this slug")
    public Response html(@PathParam("slug") String slug) {
        Optional<StatusPageView> view = model.forSlug(slug);
        if (view.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("no status page here").build();
        }
        return Response.ok(Templates.page(view.get()).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }
}
