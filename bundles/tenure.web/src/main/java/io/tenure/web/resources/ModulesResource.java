package io.tenure.web.resources;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.google.gson.JsonObject;

import io.tenure.api.module.ModuleException;
import io.tenure.api.module.ExtensionFaults;
import io.tenure.api.module.ExtensionFaults.Summary;
import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleService;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;
import io.tenure.web.Json;

/**
 * {@code /api/v1/modules}: list features and bundles (any role); start, stop, upload, replace and remove (admin).
 * <pre>
 * GET    /modules                 every feature and bundle
 * GET    /modules/{id}            one
 * POST   /modules/{id}/start      start a feature or bundle
 * POST   /modules/{id}/stop       stop it
 * POST   /modules?file=name.jar   upload a bundle (body: the JAR) into deploy/
 * PUT    /modules/{id}            replace a deployed bundle (body: the JAR)
 * DELETE /modules/{id}            remove a deployed bundle
 * GET    /modules/faults          the latest faults of extensions (a measure, trigger, metric, page that threw or hung)
 * </pre>
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, property = ApiResource.PATH + "=modules")
public class ModulesResource implements ApiResource {

    @Reference
    private ModuleService modules;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ExtensionFaults faults;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        List<String> path = request.path();
        try {
            switch (request.method()) {
                case "GET":
                    if (path.isEmpty()) {
                        List<Summary> summaries = summaries();
                        return ApiResponse.ok(modules.modules().stream().map(m -> withFaults(m, summaries)).toList());
                    }
                    if (path.equals(List.of("faults"))) {
                        ExtensionFaults f = faults;
                        return ApiResponse.ok(f == null ? List.of() : f.recent(200));
                    }
                    return ApiResponse.ok(withFaults(modules.module(path.get(0))
                            .orElseThrow(() -> ApiException.notFound("no feature or bundle '" + path.get(0) + "'")), summaries()));
                case "POST":
                    request.require(Role.ADMIN);
                    if (path.isEmpty()) {
                        String file = request.query().getOrDefault("file", "upload.jar");
                        var installed = modules.install(file, request.bodyStream());
                        return ApiResponse.created(installed, "/api/v1/modules/" + installed.id());
                    }
                    if (path.size() == 2 && path.get(1).equals("start")) {
                        return ApiResponse.ok(modules.start(path.get(0)));
                    }
                    if (path.size() == 2 && path.get(1).equals("stop")) {
                        return ApiResponse.ok(modules.stop(path.get(0)));
                    }
                    throw ApiException.notFound("use POST /api/v1/modules/{id}/start or /stop");
                case "PUT":
                    request.require(Role.ADMIN);
                    return ApiResponse.ok(modules.update(single(path), request.bodyStream()));
                case "DELETE":
                    request.require(Role.ADMIN);
                    modules.uninstall(single(path));
                    return ApiResponse.noContent();
                default:
                    throw ApiException.methodNotAllowed(request.method());
            }
        } catch (ModuleException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> ApiException.notFound(e.getMessage());
                case REQUIRED -> ApiException.conflict(e.getMessage());
                case INVALID -> ApiException.badRequest(e.getMessage());
                case FAILED -> new ApiException(500, "module_failed", e.getMessage(), List.of());
            };
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("larger than")) {
                throw new ApiException(413, "too_large", e.getMessage(), List.of());
            }
            throw e;
        }
    }

    private List<Summary> summaries() {
        ExtensionFaults f = faults;
        return f == null ? List.of() : f.summaries();
    }

    /**
     * A module as JSON with its {@code faults}: the failures and timeouts of the extensions of its bundles (a
     * feature's are its bundles' together) and the latest of them; absent when there were none.
     */
    static JsonObject withFaults(ModuleInfo module, List<Summary> summaries) {
        JsonObject json = Json.GSON.toJsonTree(module).getAsJsonObject();
        ExtensionFaults.of(module, summaries).ifPresent(sum -> {
            JsonObject f = new JsonObject();
            f.addProperty("failed", sum.failed());
            f.addProperty("timedOut", sum.timedOut());
            f.add("latest", Json.GSON.toJsonTree(sum.latest()));
            json.add("faults", f);
        });
        return json;
    }

    private static String single(List<String> path) throws ApiException {
        if (path.size() != 1) {
            throw ApiException.notFound("name one module: /api/v1/modules/{id}");
        }
        return path.get(0);
    }
}
