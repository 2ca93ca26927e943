package io.tenure.playbooks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataException;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * {@code GET /api/v1/playbooks} lists the triggers (what each watches for and answers with, whether it runs, where its
 * settings are); {@code POST /api/v1/playbooks/run} (admin) runs them now; {@code POST /api/v1/playbooks/{name}/enable}
 * and {@code /disable} (admin) switch one on or off; its thresholds are changed at {@code /api/v1/settings/{pid}}.
 */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=playbooks",
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class PlaybooksResource implements ApiResource {
    @Reference
    private PlaybookEngine engine;
    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        List<String> path = request.path();
        if (request.method().equals("GET") && path.isEmpty()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (PlaybookTrigger t : engine.triggers()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", t.name());
                row.put("playbook", t.playbook());
                row.put("description", t.description());
                row.put("steps", t.steps());
                row.put("enabled", engine.enabled(t.name()));
                engine.settingsPid(t).ifPresent(pid -> row.put("settings", "/api/v1/settings/" + pid));
                out.add(row);
            }
            out.sort(java.util.Comparator.comparing(r -> (String) r.get("name")));
            return ApiResponse.ok(out);
        }
        if (request.method().equals("POST") && path.equals(List.of("run"))) {
            request.require(Role.ADMIN);
            try {
                PlaybookEngine.Run run = engine.run();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("accounts", run.accounts());
                body.put("created", run.created().size());
                body.put("escalated", run.escalated().size());
                body.put("postmortems", run.postmortems());
                body.put("failures", run.failures());
                body.put("timedOut", run.timedOut());
                body.put("millis", run.millis());
                return ApiResponse.ok(body);
            } catch (DataException e) {
                throw ApiException.unprocessable(e.getMessage());
            }
        }
        if (request.method().equals("POST") && path.size() == 2 && (path.get(1).equals("enable") || path.get(1).equals("disable"))) {
            request.require(Role.ADMIN);
            String name = path.get(0);
            if (engine.triggers().stream().noneMatch(t -> t.name().equals(name))) {
                throw ApiException.notFound("no playbook trigger " + name + " (its module may be stopped)");
            }
            boolean enable = path.get(1).equals("enable");
            try {
                Configuration config = configurationAdmin.getConfiguration(PlaybookEngine.PID, "?");
                Dictionary<String, Object> props = Optional.ofNullable(config.getProperties()).orElseGet(Hashtable::new);
                // the stored list, not the engine's: Config Admin delivers changes asynchronously
                Object stored = props.get("disabledTriggers");
                List<String> disabled = new ArrayList<>(stored instanceof String[] names ? Arrays.asList(names)
                        : stored instanceof String one ? List.of(one) : Arrays.asList(engine.config().disabledTriggers()));
                disabled.remove(name);
                if (!enable) {
                    disabled.add(name);
                }
                props.put("disabledTriggers", disabled.toArray(String[]::new));
                config.update(props);
            } catch (IOException e) {
                throw new ApiException(503, "settings_unavailable", "the settings store failed: " + e.getMessage(), List.of());
            }
            return ApiResponse.ok(Map.of("name", name, "enabled", enable));
        }
        throw ApiException.notFound("playbooks: GET /, POST /run, POST /{name}/enable, POST /{name}/disable");
    }
}
