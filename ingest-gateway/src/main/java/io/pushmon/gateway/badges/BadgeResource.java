package io.pushmon.gateway.badges;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.gateway.errors.ApiError;
import io.pushmon.gateway.errors.ApiException;
import io.pushmon.gateway.incidents.CurrentStatus;
import io.pushmon.gateway.tenants.PublicEndpoint;

/**
 * Public status badges, {@code /badge/{badgeKey}/{monitorId|tag|all}.svg|.json|.shields}, for READMEs and wikis:
 * no credential but the unguessable badge key in the path. Three states by default (up, down, and paused in grey);
 * {@code ?states=2} shows paused as up, as Healthchecks' two-state badges fold its grace state into up.
 */
@Path("/badge/{badgeKey}/{file}")
@PublicEndpoint
@Tag(name = "badges", description = "Public status badges of a tenant's monitors")
public class BadgeResource {

    /**
     * Long enough to spare the gateway a README's every view and the caches in front of it, short enough that a
     * badge turns red within half a minute of the outage.
     */
    static final String CACHE_CONTROL = "public, max-age=30";
    static final String SVG = "image/svg+xml";

    @Inject
    Badges badges;

    @GET
    @Operation(summary = "A status badge", description = "file is <monitor id>, <tag> or 'all', followed by .svg (a "
            + "flat badge), .json ({status, total, down, paused}) or .shields (shields.io's endpoint format). 404 "
            + "alike for an unknown key and for a monitor or tag that is not the key's tenant's.")
    @APIResponse(responseCode = "200", description = "The badge; cacheable for 30 s")
    @APIResponse(responseCode = "400", description = "states is neither 2 nor 3")
    @APIResponse(responseCode = "404", description = "No such badge")
    public Response badge(@PathParam("badgeKey") String badgeKey, @PathParam("file") String file,
            @Parameter(description = "2: paused shows as up; 3 (default): paused shows grey")
            @QueryParam("states") String states) {
        boolean twoStates = twoStates(states);
        int dot = file.lastIndexOf('.');
        Format format = dot < 0 ? null : Format.of(file.substring(dot + 1));
        Optional<Badges.Badge> found = format == null ? Optional.empty()
                : badges.find(badgeKey, file.substring(0, dot));
        if (found.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("no such badge")).build();
        }
        Badges.Badge badge = found.get();
        CurrentStatus shown = twoStates && badge.status() == CurrentStatus.PAUSED ? CurrentStatus.UP : badge.status();
        Response.ResponseBuilder answer = switch (format) {
            case SVG -> Response.ok(BadgeSvg.render(badge.label(), shown.wireName(), Look.of(shown).hex), SVG);
            case JSON -> Response.ok(json(badge, shown), MediaType.APPLICATION_JSON_TYPE);
            case SHIELDS -> Response.ok(shields(badge, shown), MediaType.APPLICATION_JSON_TYPE);
        };
        return answer.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }

    private static boolean twoStates(String states) {
        if (states == null || states.equals("3")) {
            return false;
        }
        if (states.equals("2")) {
            return true;
        }
        throw ApiException.badRequest("states must be 2 or 3");
    }

    /** Healthchecks' JSON badge, with the paused count beside its down count. */
    private static Map<String, Object> json(Badges.Badge badge, CurrentStatus shown) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", shown.wireName());
        body.put("total", badge.total());
        body.put("down", badge.down());
        body.put("paused", badge.paused());
        return body;
    }

    /** shields.io's endpoint badge: {@code https://img.shields.io/endpoint?url=<this URL>} draws it. */
    private static Map<String, Object> shields(Badges.Badge badge, CurrentStatus shown) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemaVersion", 1);
        body.put("label", badge.label());
        body.put("message", shown.wireName());
        body.put("color", Look.of(shown).shieldsName);
        return body;
    }

    enum Format {
        SVG, JSON, SHIELDS;

        static Format of(String extension) {
            return switch (extension) {
                case "svg" -> SVG;
                case "json" -> JSON;
                case "shields" -> SHIELDS;
                default -> null;
            };
        }
    }

    /** shields.io's own colours for each state, by name for its endpoint format and as drawn in the SVG. */
    enum Look {
        UP("brightgreen", "#4c1"), DOWN("red", "#e05d44"), PAUSED("lightgrey", "#9f9f9f");

        final String shieldsName;
        final String hex;

        Look(String shieldsName, String hex) {
            this.shieldsName = shieldsName;
            this.hex = hex;
        }

        static Look of(CurrentStatus status) {
            return valueOf(status.name());
        }
    }
}
