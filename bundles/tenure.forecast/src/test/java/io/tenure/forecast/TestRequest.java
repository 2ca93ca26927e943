package io.tenure.forecast;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/** A call to a resource as the REST layer would make it, with the body already bound. */
record TestRequest(String method, List<String> path, Map<String, String> query, AuthenticatedUser user, Object bound)
        implements ApiRequest {

    static TestRequest get(Role role, List<String> path, Map<String, String> query) {
        return new TestRequest("GET", path, query, new AuthenticatedUser(role.code() + "-user", role, "password"), null);
    }

    static TestRequest send(String method, Role role, List<String> path, Object body) {
        return new TestRequest(method, path, Map.of(), new AuthenticatedUser(role.code() + "-user", role, "password"), body);
    }

    @Override
    public String resource() {
        return "forecast";
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }

    /** Refuses as the REST layer does; the message is the REST layer's business. */
    @Override
    public void require(Role role) throws ApiException {
        if (!user.may(role)) {
            throw ApiException.forbidden(role.code());
        }
    }

    @Override
    public <T> T body(Class<T> type) throws ApiException {
        if (bound == null) {
            throw ApiException.badRequest("the body is empty");
        }
        return type.cast(bound);
    }

    @Override
    public InputStream bodyStream() {
        return InputStream.nullInputStream();
    }
}
