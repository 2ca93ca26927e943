package io.tenure.store.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;
import io.tenure.store.io.JsonLinesRowSource;
import io.tenure.store.io.RowParser;
import io.tenure.store.io.RowWriter;

/**
 * {@code /api/v1/<entity>} for every entity: list (filters on any field, {@code sort=field} or {@code sort=-field},
 * {@code offset}, {@code limit}), get, create, replace, patch and delete by key; {@code /api/v1/accounts/{id}/<entity>}
 * lists what belongs to one account. Reading needs the viewer role, writing the csm role.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ApiResource.class, property = { ApiResource.PATH + "=csms", ApiResource.PATH + "=accounts",
        ApiResource.PATH + "=subscriptions", ApiResource.PATH + "=movements", ApiResource.PATH + "=contacts",
        ApiResource.PATH + "=usage", ApiResource.PATH + "=surveys", ApiResource.PATH + "=tickets",
        ApiResource.PATH + "=interactions", ApiResource.PATH + "=milestones", ApiResource.PATH + "=handoffs",
        ApiResource.PATH + "=stage_changes", ApiResource.PATH + "=tasks", ApiResource.PATH + "=opportunities",
        ApiResource.PATH + "=referrals", ApiResource.PATH + "=advocacy", ApiResource.PATH + "=churn_records",
        ApiResource.PATH + "=health_scores" })
public class EntityResource implements ApiResource {
    private static final java.util.Set<String> PAGING = java.util.Set.of("sort", "offset", "limit");

    @Reference
    private DataStore store;

    public EntityResource() {
    }

    public EntityResource(DataStore store) {
        this.store = store;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        EntityType<?> type = store.type(request.resource())
                .orElseThrow(() -> ApiException.notFound("no entity " + request.resource()));
        return handleTyped(type, request);
    }

    private <T> ApiResponse handleTyped(EntityType<T> type, ApiRequest request) throws ApiException {
        Repository<T> repository = store.repository(type);
        List<String> path = request.path();
        String method = request.method();
        if (type == (EntityType<?>) Account.TYPE && path.size() == 2 && method.equals("GET")) {
            request.require(Role.VIEWER);
            return ofAccount(path.get(0), path.get(1));
        }
        if (path.isEmpty()) {
            return switch (method) {
                case "GET" -> {
                    request.require(Role.VIEWER);
                    Query query = query(type, request.query());
                    try {
                        yield ApiResponse.ok(page(type, repository.list(query)));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(e.getMessage());
                    }
                }
                case "POST" -> {
                    request.require(Role.CSM);
                    T entity = parse(type, request.body(JsonObject.class), Map.of());
                    if (repository.get(type.keyOf(entity)).isPresent()) {
                        throw ApiException.conflict(type.name() + " " + type.keyOf(entity) + " already exists; PUT or PATCH it");
                    }
                    save(repository, entity);
                    yield ApiResponse.created(RowWriter.toJson(type, entity), "/api/v1/" + type.name() + "/"
                            + String.join("/", type.keyOf(entity).stream().map(String::valueOf).toList()));
                }
                default -> throw ApiException.methodNotAllowed(method);
            };
        }
        if (path.size() != type.key().size()) {
            throw ApiException.notFound(type.name() + " are addressed as /api/v1/" + type.name() + "/"
                    + String.join("/", type.key().stream().map(k -> "{" + k + "}").toList()));
        }
        List<Object> key = new ArrayList<>(path);
        Map<String, String> keyValues = new LinkedHashMap<>();
        for (int i = 0; i < path.size(); i++) {
            keyValues.put(type.key().get(i), path.get(i));
        }
        Optional<T> existing = get(repository, key);
        switch (method) {
            case "GET" -> {
                request.require(Role.VIEWER);
                return ApiResponse.ok(RowWriter.toJson(type, existing.orElseThrow(() -> notFound(type, path))));
            }
            case "PUT" -> {
                request.require(Role.CSM);
                T entity = parse(type, request.body(JsonObject.class), keyValues);
                save(repository, entity);
                return ApiResponse.ok(RowWriter.toJson(type, entity));
            }
            case "PATCH" -> {
                request.require(Role.CSM);
                JsonObject merged = RowWriter.toJson(type, existing.orElseThrow(() -> notFound(type, path)));
                request.body(JsonObject.class).entrySet().forEach(e -> merged.add(e.getKey(), e.getValue()));
                T entity = parse(type, merged, keyValues);
                save(repository, entity);
                return ApiResponse.ok(RowWriter.toJson(type, entity));
            }
            case "DELETE" -> {
                request.require(Role.CSM);
                if (!repository.delete(key)) {
                    throw notFound(type, path);
                }
                return ApiResponse.noContent();
            }
            default -> throw ApiException.methodNotAllowed(method);
        }
    }

    private <T> Optional<T> get(Repository<T> repository, List<Object> key) throws ApiException {
        try {
            return repository.get(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the key in the path is not valid: " + e.getMessage());
        }
    }

    private ApiResponse ofAccount(String accountId, String entity) throws ApiException {
        EntityType<?> type = store.type(entity).filter(t -> t.accountScoped() && t != Account.TYPE)
                .orElseThrow(() -> ApiException.notFound("accounts have no " + entity));
        if (store.repository(Account.TYPE).get(List.of(accountId)).isEmpty()) {
            throw ApiException.notFound("account '" + accountId + "' does not exist");
        }
        return ApiResponse.ok(items(type, accountId));
    }

    private <T> JsonArray items(EntityType<T> type, String accountId) {
        JsonArray array = new JsonArray();
        store.repository(type).ofAccount(accountId).forEach(e -> array.add(RowWriter.toJson(type, e)));
        return array;
    }

    private static ApiException notFound(EntityType<?> type, List<String> path) {
        return ApiException.notFound(type.name() + " " + String.join("/", path) + " does not exist");
    }

    private static <T> void save(Repository<T> repository, T entity) throws ApiException {
        try {
            repository.save(entity);
        } catch (DataException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
    }

    /** Builds the record from a JSON body; key values from the path win over (and must agree with) the body. */
    static <T> T parse(EntityType<T> type, JsonObject body, Map<String, String> keyValues) throws ApiException {
        Map<String, String> raw;
        try {
            raw = new LinkedHashMap<>(JsonLinesRowSource.values(body));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the body is not a valid " + type.name() + " record", e.getMessage());
        }
        for (Map.Entry<String, String> k : keyValues.entrySet()) {
            String given = raw.get(k.getKey());
            if (given != null && !given.equals(k.getValue())) {
                throw ApiException.badRequest(k.getKey() + " '" + given + "' in the body differs from '" + k.getValue()
                        + "' in the path");
            }
            raw.put(k.getKey(), k.getValue());
        }
        RowParser.Result<T> result = new RowParser<>(type).parse(raw);
        if (!result.ok()) {
            throw new ApiException(400, "invalid", "the body is not a valid " + type.name() + " record",
                    result.problems().stream().map(p -> (p.column().isEmpty() ? "" : p.column() + ": ") + p.reason()).toList());
        }
        return result.entity();
    }

    static Query query(EntityType<?> type, Map<String, String> params) throws ApiException {
        Map<String, String> filters = new LinkedHashMap<>(params);
        filters.keySet().removeAll(PAGING);
        filters.remove("format");
        Map<String, String> atLeast = new LinkedHashMap<>();
        Map<String, String> before = new LinkedHashMap<>();
        filters.entrySet().removeIf(e -> {
            if (e.getKey().startsWith("since.")) {
                atLeast.put(e.getKey().substring("since.".length()), e.getValue());
                return true;
            }
            if (e.getKey().startsWith("before.")) {
                before.put(e.getKey().substring("before.".length()), e.getValue());
                return true;
            }
            return false;
        });
        try {
            String sort = params.get("sort");
            boolean desc = sort != null && sort.startsWith("-");
            return new Query(filters, atLeast, before, Optional.ofNullable(sort).map(s -> desc ? s.substring(1) : s), desc,
                    Long.parseLong(params.getOrDefault("offset", "0")),
                    Integer.parseInt(params.getOrDefault("limit", String.valueOf(Query.DEFAULT_LIMIT))));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("offset and limit must be whole numbers", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static <T> Map<String, Object> page(EntityType<T> type, Page<T> page) {
        JsonArray items = new JsonArray();
        page.items().forEach(e -> items.add(RowWriter.toJson(type, e)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", page.total());
        body.put("offset", page.offset());
        body.put("limit", page.limit());
        return body;
    }
}
