package io.tenure.ingest;

import java.lang.reflect.Proxy;
import java.util.Map;

/** An {@link IngestConfig} with the metatype defaults, some overridden, as Config Admin would hand it over. */
final class TestSettings {
    private TestSettings() {
    }

    static IngestConfig config(Map<String, Object> overrides) {
        return (IngestConfig) Proxy.newProxyInstance(IngestConfig.class.getClassLoader(), new Class<?>[] { IngestConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return IngestConfig.class;
                    }
                    return overrides.containsKey(method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue();
                });
    }

    static Settings settings(Map<String, Object> overrides) {
        return Settings.of(config(overrides));
    }
}
