package io.tenure.runtime.settings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * The settings of every component that describes them with a metatype: {@code GET /api/v1/settings} lists them,
 * {@code GET /api/v1/settings/{pid}} shows each attribute (type, range, options, default, current value), {@code PUT}
 * (admin) checks the given values against the description and saves them through Config Admin, where the component
 * picks them up at once; {@code DELETE} (admin) returns to the defaults.
 */
@Component(service = ApiResource.class, property = ApiResource.PATH + "=settings",
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class SettingsResource implements ApiResource {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsResource.class);

    @Reference
    private MetaTypeService metatype;
    @Reference
    private ConfigurationAdmin configurationAdmin;
    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    /** One described configuration: its description and the bundle that gives it. */
    private record Described(String pid, ObjectClassDefinition ocd, Bundle bundle) {
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        request.require(Role.VIEWER);
        List<String> path = request.path();
        if (path.isEmpty()) {
            if (!request.method().equals("GET")) {
                throw ApiException.methodNotAllowed(request.method());
            }
            return ApiResponse.ok(described().stream().map(d -> Map.of("pid", d.pid(), "name", d.ocd().getName(),
                    "description", Optional.ofNullable(d.ocd().getDescription()).orElse(""),
                    "bundle", d.bundle().getSymbolicName())).toList());
        }
        if (path.size() != 1) {
            throw ApiException.notFound("settings: GET /, GET|PUT|DELETE /{pid}");
        }
        Described d = described().stream().filter(x -> x.pid().equals(path.get(0))).findFirst()
                .orElseThrow(() -> ApiException.notFound("no settings " + path.get(0) + " (their module may be stopped)"));
        try {
            switch (request.method()) {
                case "GET" -> {
                    return ApiResponse.ok(view(d));
                }
                case "PUT" -> {
                    request.require(Role.ADMIN);
                    JsonObject body = request.body(JsonObject.class);
                    if (body == null) {
                        throw ApiException.badRequest("send the settings to change as a JSON object, e.g. {\"slaDays\": 7}");
                    }
                    Configuration config = configurationAdmin.getConfiguration(d.pid(), "?");
                    Dictionary<String, Object> props = Optional.ofNullable(config.getProperties()).orElseGet(Hashtable::new);
                    for (Map.Entry<String, JsonElement> e : body.entrySet()) {
                        props.put(e.getKey(), value(d, e.getKey(), e.getValue()));
                    }
                    config.update(props);
                    LOG.info("Settings {} changed by {}: {}", d.pid(), request.user().name(), body.keySet());
                    return ApiResponse.ok(view(d));
                }
                case "DELETE" -> {
                    request.require(Role.ADMIN);
                    configurationAdmin.getConfiguration(d.pid(), "?").delete();
                    LOG.info("Settings {} reset to defaults by {}", d.pid(), request.user().name());
                    return ApiResponse.noContent();
                }
                default -> throw ApiException.methodNotAllowed(request.method());
            }
        } catch (IOException e) {
            throw new ApiException(503, "settings_unavailable", "the settings store failed: " + e.getMessage(), List.of());
        }
    }

    private List<Described> described() {
        List<Described> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
                continue; // a stopped module's settings go with it
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                if (ocd != null) {
                    out.add(new Described(pid, ocd, b));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Described::pid));
        return out;
    }

    private Map<String, Object> view(Described d) throws IOException {
        Configuration config = configurationAdmin.getConfiguration(d.pid(), "?");
        Dictionary<String, Object> current = config.getProperties();
        List<Map<String, Object>> attributes = new ArrayList<>();
        Map<String, String[]> ranges = ranges(d);
        for (AttributeDefinition ad : ads(d)) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", ad.getID());
            a.put("name", ad.getName());
            a.put("description", Optional.ofNullable(ad.getDescription()).orElse(""));
            a.put("type", typeName(ad.getType()));
            a.put("multiple", ad.getCardinality() != 0);
            if (ad.getOptionValues() != null) {
                a.put("options", Arrays.asList(ad.getOptionValues()));
            }
            String[] range = ranges.getOrDefault(ad.getID(), new String[2]);
            if (range[0] != null) {
                a.put("min", range[0]);
            }
            if (range[1] != null) {
                a.put("max", range[1]);
            }
            a.put("default", ad.getDefaultValue() == null ? List.of() : Arrays.asList(ad.getDefaultValue()));
            Object value = current == null ? null : current.get(ad.getID());
            a.put("value", value == null ? null : value.getClass().isArray() ? arrayToList(value) : value);
            attributes.add(a);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pid", d.pid());
        body.put("name", d.ocd().getName());
        body.put("description", Optional.ofNullable(d.ocd().getDescription()).orElse(""));
        body.put("bundle", d.bundle().getSymbolicName());
        body.put("attributes", attributes);
        return body;
    }

    /**
     * Each attribute's {@code min} and {@code max} as the bundle's metatype XML states them (the metatype service
     * checks them in {@code validate} but does not expose them), so a form can show the range before a value is sent.
     */
    private static Map<String, String[]> ranges(Described d) {
        Map<String, String[]> ranges = new LinkedHashMap<>();
        java.util.Enumeration<java.net.URL> entries = d.bundle().findEntries("OSGI-INF/metatype", "*.xml", false);
        while (entries != null && entries.hasMoreElements()) {
            java.net.URL url = entries.nextElement();
            try (java.io.InputStream in = url.openStream()) {
                javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                org.w3c.dom.NodeList ocds = factory.newDocumentBuilder().parse(in).getElementsByTagName("OCD");
                for (int i = 0; i < ocds.getLength(); i++) {
                    org.w3c.dom.Element ocd = (org.w3c.dom.Element) ocds.item(i);
                    if (!ocd.getAttribute("id").equals(d.ocd().getID())) {
                        continue;
                    }
                    org.w3c.dom.NodeList ads = ocd.getElementsByTagName("AD");
                    for (int j = 0; j < ads.getLength(); j++) {
                        org.w3c.dom.Element ad = (org.w3c.dom.Element) ads.item(j);
                        ranges.put(ad.getAttribute("id"), new String[] { ad.hasAttribute("min") ? ad.getAttribute("min") : null,
                                ad.hasAttribute("max") ? ad.getAttribute("max") : null });
                    }
                }
            } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                LOG.warn("Could not read the ranges of {} from {}: {}", d.pid(), url, e.toString());
            }
        }
        return ranges;
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
            out.add(java.lang.reflect.Array.get(array, i));
        }
        return out;
    }

    private static AttributeDefinition[] ads(Described d) {
        AttributeDefinition[] ads = d.ocd().getAttributeDefinitions(ObjectClassDefinition.ALL);
        return ads == null ? new AttributeDefinition[0] : ads;
    }

    /** The typed value of one attribute from JSON, checked against its description. */
    static Object value(Described d, String id, JsonElement json) throws ApiException {
        AttributeDefinition ad = Arrays.stream(ads(d)).filter(a -> a.getID().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.unprocessable("settings " + d.pid() + " have no '" + id + "'; they are: "
                        + String.join(", ", Arrays.stream(ads(d)).map(AttributeDefinition::getID).toList())));
        List<String> texts = new ArrayList<>();
        if (ad.getCardinality() == 0) {
            if (json.isJsonArray() || json.isJsonObject() || json.isJsonNull()) {
                throw ApiException.unprocessable(d.pid() + " " + id + ": one " + typeName(ad.getType()) + " value expected");
            }
            texts.add(json.getAsString());
        } else {
            if (!json.isJsonArray()) {
                throw ApiException.unprocessable(d.pid() + " " + id + ": a list of " + typeName(ad.getType()) + " values expected");
            }
            JsonArray array = json.getAsJsonArray();
            if (array.size() > Math.abs(ad.getCardinality())) {
                throw ApiException.unprocessable(d.pid() + " " + id + ": at most " + Math.abs(ad.getCardinality()) + " values");
            }
            array.forEach(e -> texts.add(e.isJsonPrimitive() ? e.getAsString() : e.toString()));
        }
        List<Object> values = new ArrayList<>();
        for (String text : texts) {
            String problem = ad.validate(text);
            if (problem != null && !problem.isEmpty()) {
                throw ApiException.unprocessable(d.pid() + " " + id + " '" + text + "': " + problem);
            }
            try {
                values.add(switch (ad.getType()) {
                    case AttributeDefinition.INTEGER -> Integer.valueOf(text.trim());
                    case AttributeDefinition.LONG -> Long.valueOf(text.trim());
                    case AttributeDefinition.SHORT -> Short.valueOf(text.trim());
                    case AttributeDefinition.BYTE -> Byte.valueOf(text.trim());
                    case AttributeDefinition.DOUBLE -> Double.valueOf(text.trim());
                    case AttributeDefinition.FLOAT -> Float.valueOf(text.trim());
                    case AttributeDefinition.BOOLEAN -> bool(text);
                    case AttributeDefinition.CHARACTER -> text.charAt(0);
                    default -> text;
                });
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw ApiException.unprocessable(d.pid() + " " + id + " '" + text + "' is not " + typeName(ad.getType()));
            }
        }
        if (ad.getCardinality() == 0) {
            return values.get(0);
        }
        Object array = java.lang.reflect.Array.newInstance(componentType(ad.getType()), values.size());
        for (int i = 0; i < values.size(); i++) {
            java.lang.reflect.Array.set(array, i, values.get(i));
        }
        return array;
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new NumberFormatException(text);
    }

    private static Class<?> componentType(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER -> int.class;
            case AttributeDefinition.LONG -> long.class;
            case AttributeDefinition.SHORT -> short.class;
            case AttributeDefinition.BYTE -> byte.class;
            case AttributeDefinition.DOUBLE -> double.class;
            case AttributeDefinition.FLOAT -> float.class;
            case AttributeDefinition.BOOLEAN -> boolean.class;
            case AttributeDefinition.CHARACTER -> char.class;
            default -> String.class;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "integer";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "number";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.PASSWORD -> "password";
            default -> "text";
        };
    }
}
