package io.tenure.runtime.modules;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/**
 * Converts the configuration objects of a feature file to Config Admin properties. Keys may carry a type as in
 * the OSGi Configurator format ({@code "timeout:Integer": 30}); untyped keys take the JSON type.
 */
final class FeatureConfigurations {
    private FeatureConfigurations() {
    }

    static Map<String, Object> properties(JsonElement config, String where) throws IOException {
        if (!config.isJsonObject()) {
            throw new IOException(where + ": must be an object of properties");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : config.getAsJsonObject().entrySet()) {
            String key = entry.getKey();
            String type = null;
            int colon = key.indexOf(':');
            if (colon > 0) {
                type = key.substring(colon + 1);
                key = key.substring(0, colon);
            }
            try {
                properties.put(key, convert(entry.getValue(), type));
            } catch (RuntimeException e) {
                throw new IOException(where + ": property '" + entry.getKey() + "': " + e.getMessage(), e);
            }
        }
        return properties;
    }

    private static Object convert(JsonElement value, String type) {
        if (type == null) {
            if (value.isJsonArray()) {
                JsonArray array = value.getAsJsonArray();
                String[] strings = new String[array.size()];
                for (int i = 0; i < strings.length; i++) {
                    strings[i] = array.get(i).getAsString();
                }
                return strings;
            }
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                String text = p.getAsString();
                return text.contains(".") || text.contains("e") || text.contains("E") ? p.getAsDouble() : p.getAsLong();
            }
            return p.getAsString();
        }
        return switch (type) {
            case "String" -> value.getAsString();
            case "Integer" -> Integer.valueOf(value.getAsString());
            case "Long" -> Long.valueOf(value.getAsString());
            case "Double" -> Double.valueOf(value.getAsString());
            case "Boolean" -> parseBoolean(value.getAsString());
            case "String[]" -> convert(value, null) instanceof String[] s ? s : new String[] {value.getAsString()};
            default -> throw new IllegalArgumentException("unsupported type '" + type
                    + "' (use String, Integer, Long, Double, Boolean or String[])");
        };
    }

    private static Boolean parseBoolean(String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("'" + text + "' is not true or false");
        }
        return Boolean.valueOf(text);
    }
}
