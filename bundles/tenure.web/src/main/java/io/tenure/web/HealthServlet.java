package io.tenure.web;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleService;
import io.tenure.api.module.ModuleState;
import io.tenure.api.readiness.Readiness;
import io.tenure.api.readiness.ReadinessCheck;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /health}: 200 when the module service is up and every registered readiness check is ready, else 503.
 * Lists the state of each active feature and every check. Needs no credentials and reveals no data.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private record Check(ReadinessCheck check, String feature) {
    }

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleService modules;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(ReadinessCheck check, Map<String, Object> properties) {
        checks.add(new Check(check, String.valueOf(properties.getOrDefault(ReadinessCheck.FEATURE_PROPERTY, ""))));
    }

    void removeCheck(ReadinessCheck check) {
        checks.removeIf(c -> c.check() == check);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ModuleService moduleService = modules;
        boolean ready = moduleService != null;
        Map<String, String> features = new LinkedHashMap<>();
        if (moduleService != null) {
            for (ModuleInfo module : moduleService.features()) {
                if (module.state() != ModuleState.STOPPED) {
                    features.put(module.id(), module.state().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        boolean failed = false;
        for (Check c : checks) {
            Readiness r;
            try {
                r = c.check().check();
            } catch (RuntimeException e) {
                r = Readiness.notReady("check failed: " + e);
            }
            ready &= r.ready();
            failed |= r.failed();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", c.check().name());
            result.put("feature", c.feature());
            result.put("ready", r.ready());
            result.put("failed", r.failed());
            result.put("detail", r.detail());
            results.add(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "up" : failed ? "failed" : moduleService == null ? "starting" : "down");
        body.put("features", features);
        body.put("checks", results);
        response.setStatus(ready ? 200 : 503);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=utf-8");
        try (Writer writer = response.getWriter()) {
            Json.GSON.toJson(body, writer);
        }
    }
}
