package io.tenure.ingest;

import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves Segment's HTTP tracking API at {@code /v1/*} ({@code /v1/track}, {@code /v1/batch}, {@code /v1/import}, ...),
 * beside the REST API under {@code /api/v1/}. Authentication is the source's write key, not a user.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Servlet.class)
@HttpWhiteboardServletPattern("/v1/*")
public class TrackingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference
    private transient Ingestion ingestion;

    /** The HTTP server serves this servlet from now on: with a new configuration, only from now on (see IngestReadiness). */
    @Override
    public void init() throws ServletException {
        super.init();
        ingestion.served(true);
    }

    @Override
    public void destroy() {
        ingestion.served(false);
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/").substring(1);
        Ingestion.Answer answer = ingestion.receive(request.getMethod(), path,
                Optional.ofNullable(request.getHeader("Authorization")), Optional.ofNullable(request.getHeader("Content-Encoding")),
                request.getContentLengthLong(), request.getInputStream());
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=utf-8");
        try (Writer writer = response.getWriter()) {
            writer.write(answer.json());
        }
    }
}
