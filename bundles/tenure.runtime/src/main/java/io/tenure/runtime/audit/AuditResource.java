package io.tenure.runtime.audit;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.AuditLog;
import io.tenure.api.security.Role;

/** {@code GET /api/v1/audit?limit=100[&user=..]} (admin): who changed what, newest first. */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=audit",
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class AuditResource implements ApiResource {
    static final int MAX_LIMIT = 1000;

    @Reference
    private AuditLog audit;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.ADMIN);
        if (!request.method().equals("GET") || !request.path().isEmpty()) {
            throw ApiException.notFound("audit: GET /?limit=100&user=name");
        }
        int limit;
        try {
            limit = Integer.parseInt(request.query().getOrDefault("limit", "100"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit '" + request.query().get("limit") + "' is not a whole number");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        List<AuditLog.Entry> entries = audit.recent(limit, Optional.ofNullable(request.query().get("user")));
        return ApiResponse.ok(entries);
    }
}
