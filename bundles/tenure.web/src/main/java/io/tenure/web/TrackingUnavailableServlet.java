package io.tenure.web;

import java.io.IOException;
import java.io.Writer;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers Segment's tracking paths ({@code /v1/*}) while event ingestion is stopped or not installed: {@code 503} with
 * {@code Retry-After}, which Segment's libraries retry, instead of a {@code 404} they would drop the events on. The
 * ingestion bundle's own servlet, registered with a higher ranking, takes the paths over whenever it runs.
 */
@Component(service = Servlet.class, property = Constants.SERVICE_RANKING + ":Integer=-1000",
        configurationPolicy = ConfigurationPolicy.IGNORE)
@HttpWhiteboardServletPattern("/v1/*")
public class TrackingUnavailableServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Seconds a client is asked to wait before sending again. */
    static final int RETRY_AFTER = 30;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream()); // read to the end: the connection stays usable
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=utf-8");
        try (Writer writer = response.getWriter()) {
            writer.write("{\"success\":false,\"message\":\"event ingestion is not running here; send again after "
                    + RETRY_AFTER + " seconds\"}");
        }
    }
}
