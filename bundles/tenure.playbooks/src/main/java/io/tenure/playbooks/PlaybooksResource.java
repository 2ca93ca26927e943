package io.tenure.playbooks;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataException;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/** {@code GET /api/v1/playbooks} lists the triggers; {@code POST /api/v1/playbooks/run} (admin) runs them now. */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=playbooks")
public class PlaybooksResource implements ApiResource {
    @Reference
    private PlaybookEngine engine;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        if (request.method().equals("GET") && request.path().isEmpty()) {
            return ApiResponse.ok(engine.triggers().stream().map(t -> Map.of("name", t.name(), "playbook", t.playbook())).toList());
        }
        if (request.method().equals("POST") && request.path().equals(List.of("run"))) {
            request.require(Role.ADMIN);
            try {
                PlaybookEngine.Run run = engine.run();
                return ApiResponse.ok(Map.of("accounts", run.accounts(), "created", run.created().size(), "escalated", run.escalated().size()));
            } catch (DataException e) {
                throw ApiException.unprocessable(e.getMessage());
            }
        }
        throw ApiException.notFound("playbooks: GET /, POST /run");
    }
}
