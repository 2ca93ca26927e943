package io.tenure.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataException;
import io.tenure.api.ingest.EventLedger;
import io.tenure.api.ingest.HeldEvent;
import io.tenure.api.ingest.Source;
import io.tenure.api.ingest.SourceStats;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * {@code /api/v1/sources}: the sources that send events, each with its write key (shown once, when created or
 * rotated), and what became of their events.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = ApiResource.PATH + "=sources")
public class SourcesResource implements ApiResource {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");
    private static final int LATEST = 10;

    @Reference
    private Ingestion ingestion;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        List<String> path = request.path();
        String method = request.method();
        if (path.isEmpty()) {
            if (method.equals("GET")) {
                request.require(Role.VIEWER);
                return ApiResponse.ok(ledger().sources().stream().map(SourcesResource::describe).toList());
            }
            if (method.equals("POST")) {
                request.require(Role.ADMIN);
                return create(request);
            }
            throw ApiException.methodNotAllowed(method);
        }
        Source source = ledger().source(path.get(0)).orElseThrow(() -> ApiException.notFound("no source '" + path.get(0) + "'"));
        if (path.size() == 1) {
            if (!method.equals("GET")) {
                throw ApiException.methodNotAllowed(method);
            }
            request.require(Role.VIEWER);
            return ApiResponse.ok(report(source));
        }
        if (path.size() == 2 && path.get(1).equals("held") && method.equals("GET")) {
            request.require(Role.VIEWER);
            int limit = limit(request.query().get("limit"));
            return ApiResponse.ok(ledger().held(Optional.of(source.id()), limit).stream().map(SourcesResource::describe).toList());
        }
        if (path.size() != 2 || !method.equals("POST")) {
            throw ApiException.notFound("no call " + method + " /api/v1/sources/" + String.join("/", path)
                    + "; see GET, /held, and POST /disable, /enable, /rotate-key, /release");
        }
        request.require(Role.ADMIN);
        try {
            switch (path.get(1)) {
                case "disable", "enable" -> {
                    Source changed = ledger().saveSource(new Source(source.id(), source.name(), source.keyHash(),
                            path.get(1).equals("enable"), source.created(), source.keyRotated()));
                    ingestion.sourcesChanged();
                    return ApiResponse.ok(describe(changed));
                }
                case "rotate-key" -> {
                    String key = Ingestion.newWriteKey();
                    Source changed = ledger().saveSource(new Source(source.id(), source.name(), Ingestion.hash(key),
                            source.enabled(), source.created(), Instant.now()));
                    ingestion.sourcesChanged();
                    Map<String, Object> body = describe(changed);
                    body.put("writeKey", key);
                    return ApiResponse.ok(body);
                }
                case "release" -> {
                    return ApiResponse.ok(Map.of("released", ingestion.releaseHeld()));
                }
                default -> throw ApiException.notFound("no action '" + path.get(1) + "'; the actions are disable, enable, "
                        + "rotate-key and release");
            }
        } catch (DataException | IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private EventLedger ledger() {
        return ingestion.ledger();
    }

    private ApiResponse create(ApiRequest request) throws ApiException {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = request.body(Map.class);
        Object name = body.get("name");
        if (!(name instanceof String n) || n.isBlank() || n.length() > 200) {
            throw ApiException.badRequest("a source needs \"name\": text of 1 to 200 characters", "name: " + name);
        }
        Object rawId = body.get("id");
        if (rawId != null && !(rawId instanceof String)) {
            throw ApiException.badRequest("\"id\" must be text", "id: " + rawId);
        }
        String id = rawId != null ? (String) rawId
                : n.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("source id '" + id + "' must be 1 to 100 lower-case letters, digits, - or _, "
                    + "starting with a letter or digit", "id: " + id);
        }
        for (String field : body.keySet()) {
            if (!field.equals("id") && !field.equals("name")) {
                throw ApiException.badRequest("unknown field '" + field + "'; a source takes id and name", field + ": unknown");
            }
        }
        if (ledger().source(id).isPresent()) {
            throw ApiException.conflict("source '" + id + "' exists already");
        }
        try {
            Ingestion.NewKey created = ingestion.createSource(id, n.strip());
            Map<String, Object> answer = describe(created.source());
            answer.put("writeKey", created.writeKey());
            return ApiResponse.created(answer, "/api/v1/sources/" + id);
        } catch (DataException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private static int limit(String text) throws ApiException {
        if (text == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("limit '" + text + "' must be a whole number from 1 to 1000", "limit: " + text);
    }

    private static Map<String, Object> describe(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("enabled", s.enabled());
        m.put("created", s.created().toString());
        m.put("keyRotated", s.keyRotated().toString());
        return m;
    }

    private Map<String, Object> report(Source source) {
        SourceStats stats = ledger().stats(source.id(), LATEST);
        Map<String, Object> m = describe(source);
        m.put("accepted", stats.accepted());
        m.put("rejected", stats.rejected());
        m.put("deduplicated", stats.deduplicated());
        m.put("held", stats.held());
        m.put("latestRejections", stats.latestRejections().stream().map(r -> {
            Map<String, Object> rejection = new LinkedHashMap<>();
            rejection.put("at", r.at().toString());
            rejection.put("events", r.events());
            rejection.put("reason", r.reason());
            return rejection;
        }).toList());
        m.put("unknownAccounts", stats.unknownAccounts().stream().map(u -> {
            Map<String, Object> unknown = new LinkedHashMap<>();
            unknown.put("accountId", u.accountId());
            unknown.put("events", u.events());
            return unknown;
        }).toList());
        m.put("backlogBytes", ingestion.backlogBytes());
        m.put("pacedCalls", ingestion.paced());
        m.put("drainError", ingestion.drainError());
        return m;
    }

    private static Map<String, Object> describe(HeldEvent h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("accountId", h.accountId());
        m.put("messageId", h.messageId());
        m.put("receivedAt", h.receivedAt().toString());
        m.put("reason", h.reason());
        m.put("event", com.google.gson.JsonParser.parseString(h.json()));
        return m;
    }
}
