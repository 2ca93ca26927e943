package io.tenure.api.rest;

import java.util.List;

/**
 * A refused call: HTTP status, a stable machine-readable code, a message for people and details naming
 * each offending field or row.
 */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final List<String> details;

    public ApiException(int status, String code, String message, List<String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public static ApiException badRequest(String message, String... details) {
        return new ApiException(400, "bad_request", message, List.of(details));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, List.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, List.of());
    }

    /** 422: the request is well formed but the data refuses it (an unknown account, a rule of the store). */
    public static ApiException unprocessable(String message) {
        return new ApiException(422, "unprocessable", message, List.of());
    }

    public static ApiException methodNotAllowed(String method) {
        return new ApiException(405, "method_not_allowed", method + " is not supported here", List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }
}
