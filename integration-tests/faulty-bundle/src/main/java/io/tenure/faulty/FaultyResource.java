package io.tenure.faulty;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;

/** {@code /api/v1/faulty}: throws on every call. */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=faulty")
public class FaultyResource implements ApiResource {
    @Override
    public ApiResponse handle(ApiRequest request) {
        throw new IllegalStateException("faulty resource has a bug");
    }
}
