package io.tenure.web.resources;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;

/** {@code GET /api/v1/me}: who the caller is and with which role. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = ApiResource.PATH + "=me")
public class MeResource implements ApiResource {
    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        if (!request.method().equals("GET")) {
            throw ApiException.methodNotAllowed(request.method());
        }
        return ApiResponse.ok(request.user());
    }
}
