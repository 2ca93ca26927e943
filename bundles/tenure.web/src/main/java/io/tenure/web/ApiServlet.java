package io.tenure.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.module.ExtensionFaults;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.rest.StreamingBody;
import io.tenure.api.security.AuditLog;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.UserService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves {@code /api/v1/*}: authenticates the caller (HTTP Basic or a bearer token), routes to the
 * {@link ApiResource} service registered for the first path segment, writes its answer as JSON and turns every
 * failure into the JSON error format. Resources come and go with their bundles; a request to a resource whose
 * bundle is stopping is answered 404 or by the resource, never with a stale one.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Servlet.class)
@HttpWhiteboardServletPattern("/api/*")
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String CHALLENGE = "Basic realm=\"Tenure\", charset=\"UTF-8\"";

    /** Resources by path; several bundles may offer one path, the highest ranking wins. */
    private final Map<String, ConcurrentSkipListMap<Rank, ApiResource>> resources = new ConcurrentHashMap<>();

    @Reference
    private UserService users;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ExtensionFaults faults;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResource(ApiResource resource, Map<String, Object> properties) {
        for (String path : paths(properties)) {
            resources.computeIfAbsent(path, p -> new ConcurrentSkipListMap<Rank, ApiResource>(java.util.Comparator.reverseOrder()))
                    .put(new Rank(properties), resource);
        }
    }

    void removeResource(ApiResource resource, Map<String, Object> properties) {
        for (String path : paths(properties)) {
            Map<Rank, ApiResource> byRank = resources.get(path);
            if (byRank != null) {
                byRank.values().removeIf(r -> r == resource);
            }
        }
    }

    private static List<String> paths(Map<String, Object> properties) {
        Object value = properties.get(ApiResource.PATH);
        if (value instanceof String[] many) {
            return List.of(many);
        }
        if (value instanceof java.util.Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /** Service ranking, then lower service id first. */
    private record Rank(int ranking, long serviceId) implements Comparable<Rank> {
        Rank(Map<String, Object> properties) {
            this(properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                    (Long) properties.get(Constants.SERVICE_ID));
        }

        @Override
        public int compareTo(Rank o) {
            int c = Integer.compare(ranking, o.ranking);
            return c != 0 ? c : Long.compare(o.serviceId, serviceId);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        String pathInfo = Optional.ofNullable(request.getPathInfo()).orElse("/");
        if (!pathInfo.startsWith("/v1/")) {
            writeError(response, new ApiException(404, "not_found", "the API lives under /api/v1/", List.of()));
            return;
        }
        Optional<AuthenticatedUser> user = authenticate(request);
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            writeError(response, new ApiException(401, "unauthorized",
                    "log in with HTTP Basic (user and password) or send Authorization: Bearer <token>", List.of()));
            return;
        }
        List<String> segments = new ArrayList<>();
        for (String s : pathInfo.substring("/v1/".length()).split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        if (segments.isEmpty()) {
            writeError(response, ApiException.notFound("name a resource, e.g. /api/v1/modules"));
            return;
        }
        // A resource may serve a pattern below another, e.g. accounts/*/health: the longest matching pattern wins.
        String routed = segments.get(0);
        List<String> rest = segments.subList(1, segments.size());
        int longest = 1;
        for (String pattern : resources.keySet()) {
            if (pattern.indexOf('/') < 0) {
                continue; // a plain first segment, already routed above
            }
            String[] parts = pattern.split("/");
            if (parts.length > longest && parts.length <= segments.size() && matches(parts, segments)
                    && !resources.get(pattern).isEmpty()) {
                longest = parts.length;
                routed = pattern;
                List<String> wild = new ArrayList<>();
                for (int i = 0; i < parts.length; i++) {
                    if (parts[i].equals("*")) {
                        wild.add(segments.get(i));
                    }
                }
                wild.addAll(segments.subList(parts.length, segments.size()));
                rest = wild;
            }
        }
        ApiResource resource = Optional.ofNullable(resources.get(routed))
                .flatMap(m -> m.values().stream().findFirst()).orElse(null);
        if (resource == null) {
            writeError(response, ApiException.notFound("no API resource /api/v1/" + segments.get(0)
                    + " (its module may be stopped)"));
            return;
        }
        int status = 500;
        ApiResource handling = resource;
        try {
            ApiResponse answer = resource.handle(new ApiRequestImpl(request, routed, rest, query(request), user.get()));
            status = answer.status();
            response.setStatus(answer.status());
            answer.headers().forEach(response::setHeader);
            if (answer.body().isPresent() && answer.body().get() instanceof StreamingBody stream) {
                try (java.io.OutputStream out = response.getOutputStream()) {
                    stream.writeTo(out);
                }
            } else if (answer.body().isPresent()) {
                response.setContentType("application/json;charset=utf-8");
                try (Writer writer = response.getWriter()) {
                    Json.GSON.toJson(answer.body().get(), writer);
                }
            }
        } catch (ApiException e) {
            status = e.status();
            writeError(response, e);
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Request {} {} failed (incident {})", request.getMethod(), request.getRequestURI(), incident, e);
            ExtensionFaults f = faults;
            if (f != null) {
                f.failed(handling, "/api/v1/" + routed, "REST resource", e);
            }
            writeError(response, new ApiException(500, "internal_error", "the server failed to answer; incident "
                    + incident + " is in the log", List.of(String.valueOf(e.getMessage()))));
        } finally {
            audit(request, user.get(), segments, status);
        }
    }

    /** Every call that may change something is written to the audit log, refused ones included. */
    private void audit(HttpServletRequest request, AuthenticatedUser user, List<String> segments, int status) {
        AuditLog log = audit;
        String method = request.getMethod();
        if (log == null || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return;
        }
        String path = "/api/v1/" + String.join("/", segments);
        String query = Optional.ofNullable(request.getQueryString()).map(q -> "?" + q).orElse("");
        try {
            log.record(user.name(), method + " " + path + query, String.join("/", segments.subList(0, Math.min(2, segments.size()))),
                    status, "");
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit entry of {} {} by {}: {}", method, path, user.name(), e.getMessage());
        }
    }

    private static boolean matches(String[] pattern, List<String> segments) {
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Optional<AuthenticatedUser> authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return users.authenticateToken(header.substring(7).trim());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return Optional.empty();
    }

    private static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (v.length > 0) {
                query.put(k, v[0]);
            }
        });
        return query;
    }

    static void writeError(HttpServletResponse response, ApiException e) throws IOException {
        response.setStatus(e.status());
        response.setContentType("application/json;charset=utf-8");
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("details", e.details());
        try (Writer writer = response.getWriter()) {
            Json.GSON.toJson(Map.of("error", error), writer);
        }
    }
}
