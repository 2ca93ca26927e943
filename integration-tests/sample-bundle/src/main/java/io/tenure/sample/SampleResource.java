package io.tenure.sample;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;

/** {@code GET /api/v1/sample}: answers with this bundle's version, so a test can see an update take effect. */
@Component(property = ApiResource.PATH + "=sample")
public class SampleResource implements ApiResource {
    private final String version;

    @Activate
    public SampleResource(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        return ApiResponse.ok(Map.of("bundle", "tenure.it.sample", "version", version));
    }
}
