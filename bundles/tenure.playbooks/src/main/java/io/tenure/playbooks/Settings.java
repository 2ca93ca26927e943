package io.tenure.playbooks;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Settings checks shared by the playbook components, and their defaults as an instance of the settings annotation. */
public final class Settings {
    private Settings() {
    }

    /**
     * An instance of the settings annotation {@code type} with its defaults, {@code overrides} by attribute name
     * replacing some of them (what Config Admin would give the component).
     */
    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object value = overrides.get(method.getName());
            return value != null ? value : method.getDefaultValue();
        }));
    }

    /** @throws IllegalArgumentException naming the setting of {@code pid} that is outside [{@code min}, {@code max}] */
    public static int range(String pid, String name, int value, int min, int max) {
        return (int) io.tenure.api.data.Require.range(value, min, max, pid + " " + name);
    }
}
