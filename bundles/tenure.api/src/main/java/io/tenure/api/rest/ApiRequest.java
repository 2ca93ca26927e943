package io.tenure.api.rest;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/** One authenticated call to an {@link ApiResource}. */
@ProviderType
public interface ApiRequest {

    /** {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}. */
    String method();

    /** The path value this call was routed by: a first segment, or a pattern like accounts/*{@literal /}health (see {@link ApiResource#PATH}). */
    String resource();

    /** The decoded path segments after the resource's own, e.g. {@code ["console", "start"]}. */
    List<String> path();

    /** First value of each query parameter. */
    Map<String, String> query();

    Optional<String> header(String name);

    /**
     * The query parameter {@code name} as a date, empty when it is absent or blank.
     *
     * @throws ApiException 400 naming the parameter when it is not a date like 2026-01-31
     */
    default Optional<java.time.LocalDate> date(String name) throws ApiException {
        String text = query().get(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.LocalDate.parse(text.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest(name + " '" + text + "' is not a date like 2026-01-31");
        }
    }

    AuthenticatedUser user();

    /** @throws ApiException 403 when the caller's role does not include {@code role} */
    void require(Role role) throws ApiException;

    /** The body as JSON bound to {@code type}. @throws ApiException 400 naming what is malformed */
    <T> T body(Class<T> type) throws ApiException;

    /** The raw body, for uploads; size-limited by the server. */
    InputStream bodyStream();
}
