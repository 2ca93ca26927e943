package io.tenure.store.rest;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.data.RowError;
import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;

/**
 * {@code POST /api/v1/import/<entity>} with a {@code text/csv} or {@code application/x-ndjson} body (admin): atomic,
 * idempotent, answers {@code {"imported": N}} or 400 listing every bad row. {@code GET /api/v1/export/<entity>?format=
 * csv|jsonl} (viewer, filters as in listings) streams every row in a form the import reads back. {@code GET
 * /api/v1/entities} describes every entity and its columns.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ApiResource.class, property = { ApiResource.PATH + "=import", ApiResource.PATH + "=export",
        ApiResource.PATH + "=entities" })
public class DataTransferResource implements ApiResource {

    @Reference
    private DataStore store;

    public DataTransferResource() {
    }

    public DataTransferResource(DataStore store) {
        this.store = store;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        if (request.resource().equals("entities")) {
            request.require(Role.VIEWER);
            if (!request.method().equals("GET")) {
                throw ApiException.methodNotAllowed(request.method());
            }
            return ApiResponse.ok(io.tenure.store.EntityDocs.json(store.types()));
        }
        if (request.path().size() != 1) {
            throw ApiException.notFound("name the entity: /api/v1/" + request.resource() + "/{entity}, one of "
                    + String.join(", ", store.types().stream().map(EntityType::name).toList()));
        }
        EntityType<?> type = store.type(request.path().get(0)).orElseThrow(() -> ApiException.notFound("no entity '"
                + request.path().get(0) + "'; entities are " + String.join(", ", store.types().stream().map(EntityType::name).toList())));
        return request.resource().equals("import") ? importData(type, request) : export(type, request);
    }

    private ApiResponse importData(EntityType<?> type, ApiRequest request) throws ApiException {
        if (!request.method().equals("POST")) {
            throw ApiException.methodNotAllowed(request.method());
        }
        request.require(Role.ADMIN);
        String contentType = request.header("Content-Type").orElse("");
        DataFormat format = DataFormat.of(contentType).orElseThrow(() -> new ApiException(415, "unsupported_media_type",
                "send text/csv (with a header row) or application/x-ndjson (JSON lines), not '" + contentType + "'", List.of()));
        try {
            Map<String, Long> counts = store.importData(List.of(new DataStore.ImportInput(type, format,
                    type.name() + format.extension(), request.bodyStream())), n -> { });
            return ApiResponse.ok(Map.of("imported", counts.getOrDefault(type.name(), 0L)));
        } catch (DataException e) {
            throw new ApiException(400, "invalid_rows", e.getMessage(),
                    e.errors().stream().map(RowError::toString).toList());
        } catch (IOException e) {
            if (e.getClass().getSimpleName().equals("TooLarge")) {
                throw new ApiException(413, "too_large", "the upload is too large: " + e.getMessage(), List.of());
            }
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    private ApiResponse export(EntityType<?> type, ApiRequest request) throws ApiException {
        if (!request.method().equals("GET")) {
            throw ApiException.methodNotAllowed(request.method());
        }
        request.require(Role.VIEWER);
        String f = request.query().getOrDefault("format", "csv").toLowerCase(Locale.ROOT);
        DataFormat format = switch (f) {
            case "csv" -> DataFormat.CSV;
            case "jsonl", "ndjson", "json_lines" -> DataFormat.JSON_LINES;
            default -> throw ApiException.badRequest("format '" + f + "' is not csv or jsonl");
        };
        Query query = EntityResource.query(type, request.query());
        try {
            store.repository(type).count(query); // checks the filters before the first byte is sent
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new ApiResponse(200, java.util.Optional.of((io.tenure.api.rest.StreamingBody) out -> store.export(type,
                query, format, out)), Map.of("Content-Type", format.mediaType() + ";charset=utf-8",
                        "Content-Disposition", "attachment; filename=\"" + type.name() + format.extension() + "\""));
    }
}
