package io.tenure.web.resources;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.IssuedToken;
import io.tenure.api.security.Role;
import io.tenure.api.security.SecurityException;
import io.tenure.api.security.UserService;

/**
 * {@code /api/v1/tokens}: the caller's own API tokens.
 * <pre>
 * GET    /tokens          list (secrets are never shown again)
 * POST   /tokens          {"label", "role"?, "validDays"?} answers the secret once
 * DELETE /tokens/{id}     revoke
 * </pre>
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = ApiResource.PATH + "=tokens")
public class TokensResource implements ApiResource {

    /** Body of POST. */
    record TokenRequest(String label, Role role, Integer validDays) {
    }

    @Reference
    private UserService users;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        String user = request.user().name();
        List<String> path = request.path();
        switch (request.method()) {
            case "GET":
                return ApiResponse.ok(users.tokens(user));
            case "POST": {
                TokenRequest body = request.body(TokenRequest.class);
                if (body.validDays() != null && (body.validDays() < 1 || body.validDays() > 3650)) {
                    throw ApiException.badRequest("field 'validDays' must be between 1 and 3650");
                }
                Role role = body.role() == null ? request.user().role() : body.role();
                try {
                    IssuedToken issued = users.issueToken(user, body.label(), role,
                            Optional.ofNullable(body.validDays()).map(Duration::ofDays));
                    return ApiResponse.created(issued, "/api/v1/tokens/" + issued.token().id());
                } catch (SecurityException e) {
                    throw ApiException.badRequest(e.getMessage());
                }
            }
            case "DELETE":
                if (path.size() != 1) {
                    throw ApiException.notFound("name the token: /api/v1/tokens/{id}");
                }
                if (!users.revokeToken(user, path.get(0))) {
                    throw ApiException.notFound("you have no token '" + path.get(0) + "'");
                }
                return ApiResponse.noContent();
            default:
                throw ApiException.methodNotAllowed(request.method());
        }
    }
}
