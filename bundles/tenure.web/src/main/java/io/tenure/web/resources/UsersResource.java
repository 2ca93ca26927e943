package io.tenure.web.resources;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;
import io.tenure.api.security.SecurityException;
import io.tenure.api.security.User;
import io.tenure.api.security.UserService;

/**
 * {@code /api/v1/users}: user management (admin); a user may read itself and change its own password.
 * <pre>
 * GET    /users              all users (admin)
 * POST   /users              {"name", "password", "role"} (admin)
 * GET    /users/{name}       one (admin or self)
 * PATCH  /users/{name}       {"role"} (admin) and/or {"password"} (admin or self)
 * DELETE /users/{name}       (admin)
 * </pre>
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = ApiResource.PATH + "=users")
public class UsersResource implements ApiResource {

    /** Body of POST and PATCH. */
    record UserChange(String name, String password, Role role) {
    }

    @Reference
    private UserService users;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        List<String> path = request.path();
        try {
            if (path.isEmpty()) {
                request.require(Role.ADMIN);
                return switch (request.method()) {
                    case "GET" -> ApiResponse.ok(users.users());
                    case "POST" -> {
                        UserChange body = request.body(UserChange.class);
                        if (body.role() == null) {
                            throw ApiException.badRequest("field 'role' is required: admin, csm or viewer");
                        }
                        User created = users.create(body.name(), body.password(), body.role());
                        yield ApiResponse.created(created, "/api/v1/users/" + created.name());
                    }
                    default -> throw ApiException.methodNotAllowed(request.method());
                };
            }
            String name = path.get(0);
            boolean self = name.equals(request.user().name());
            if (!self) {
                request.require(Role.ADMIN);
            }
            switch (request.method()) {
                case "GET":
                    return ApiResponse.ok(users.user(name).orElseThrow(() -> ApiException.notFound("no user '" + name + "'")));
                case "PATCH":
                    UserChange body = request.body(UserChange.class);
                    if (body.role() != null) {
                        request.require(Role.ADMIN);
                    }
                    if (body.password() != null) {
                        users.changePassword(name, body.password());
                    }
                    if (body.role() != null) {
                        users.changeRole(name, body.role());
                    }
                    return ApiResponse.ok(users.user(name).orElseThrow());
                case "DELETE":
                    request.require(Role.ADMIN);
                    users.delete(name);
                    return ApiResponse.noContent();
                default:
                    throw ApiException.methodNotAllowed(request.method());
            }
        } catch (SecurityException e) {
            throw e.getMessage().startsWith("no user") ? ApiException.notFound(e.getMessage())
                    : e.getMessage().contains("already exists") || e.getMessage().contains("last admin")
                            ? ApiException.conflict(e.getMessage()) : ApiException.badRequest(e.getMessage());
        }
    }
}
