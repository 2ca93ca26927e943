package io.tenure.api.rest;

import java.util.Map;
import java.util.Optional;

/**
 * What a resource answers: a status, a body written as JSON (empty for no body) and extra headers.
 */
public record ApiResponse(int status, Optional<Object> body, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, Optional.of(body), Map.of());
    }

    public static ApiResponse created(Object body, String location) {
        return new ApiResponse(201, Optional.of(body), Map.of("Location", location));
    }

    /** A body streamed as {@code contentType}, e.g. {@code text/csv; charset=utf-8}. */
    public static ApiResponse stream(String contentType, StreamingBody body) {
        return new ApiResponse(200, Optional.of(body), Map.of("Content-Type", contentType));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Optional.empty(), Map.of());
    }
}
