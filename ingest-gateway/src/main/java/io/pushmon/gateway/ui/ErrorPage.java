package io.pushmon.gateway.ui;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** What a dashboard page shows instead of the API's JSON when it fails: a page with the reason and a way back. */
public final class ErrorPage {

    @CheckedTemplate(basePath = "ErrorPage")
    static class Templates {
        static native TemplateInstance error(int status, String message);
    }

    private ErrorPage() {
    }

    /** True for the paths of dashboard pages, whose failures are shown as pages. */
    public static boolean isPage(String path) {
        return path != null && (path.equals("/app") || path.startsWith("/app/") && !path.startsWith("/app/live"));
    }

    public static Response of(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(Templates.error(status, message).render()).build();
    }
}
