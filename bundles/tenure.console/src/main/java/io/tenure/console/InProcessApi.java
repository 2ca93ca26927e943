package io.tenure.console;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/**
 * Calls the REST resources other bundles register, in process and as the console's user, for what has no service
 * in the API (a health explanation, the forecast calibration, an account's timeline): the console shows exactly what
 * the REST API answers, without an HTTP call to itself; the settings form saves through the same validation.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = InProcessApi.class)
public class InProcessApi {
    private final Map<ApiResource, List<String>> resources = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResource(ApiResource resource, Map<String, Object> properties) {
        Object path = properties.get(ApiResource.PATH);
        List<String> paths = path instanceof String[] a ? List.of(a) : path == null ? List.of() : List.of(String.valueOf(path));
        resources.put(resource, paths);
    }

    void removeResource(ApiResource resource) {
        resources.remove(resource);
    }

    /**
     * GET of the resource registered under {@code resource} (a first segment or a pattern such as
     * {@code accounts/*}{@code /health}) with these path segments and query, answered as plain maps and lists.
     *
     * @return empty when no bundle serves that resource now (its module is stopped)
     * @throws ApiException as the resource throws it
     */
    Optional<Object> get(AuthenticatedUser user, String resource, List<String> path, Map<String, String> query)
            throws ApiException {
        return call(user, "GET", resource, path, query, null);
    }

    /**
     * Any call, for the console's forms that change state (a POST already checked for its CSRF token): {@code body}
     * is the JSON the resource reads, or null.
     */
    Optional<Object> call(AuthenticatedUser user, String method, String resource, List<String> path, Map<String, String> query,
            JsonObject body) throws ApiException {
        for (Map.Entry<ApiResource, List<String>> e : resources.entrySet()) {
            if (e.getValue().contains(resource)) {
                return e.getKey().handle(new Request(user, method, resource, List.copyOf(path), Map.copyOf(query), body))
                        .body().map(Plain::of);
            }
        }
        return Optional.empty();
    }

    private record Request(AuthenticatedUser user, String method, String resource, List<String> path,
            Map<String, String> query, JsonObject json) implements ApiRequest {

        @Override
        public Optional<String> header(String name) {
            return Optional.empty();
        }

        @Override
        public void require(Role role) throws ApiException {
            if (!user.may(role)) {
                throw ApiException.forbidden("this needs the " + role.code() + " role; '" + user.name() + "' is "
                        + user.role().code());
            }
        }

        @Override
        public <T> T body(Class<T> type) throws ApiException {
            if (json == null) {
                throw ApiException.badRequest("this call carries no body");
            }
            try {
                return new Gson().fromJson(json, type);
            } catch (JsonParseException e) {
                throw ApiException.badRequest("the body does not fit " + type.getSimpleName() + ": " + e.getMessage());
            }
        }

        @Override
        public InputStream bodyStream() {
            return InputStream.nullInputStream();
        }
    }
}
