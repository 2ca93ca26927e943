package io.tenure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonParseException;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiRequest;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;
import jakarta.servlet.http.HttpServletRequest;

/** An {@link ApiRequest} over a servlet request, with size-limited bodies. */
final class ApiRequestImpl implements ApiRequest {
    static final long MAX_JSON_BYTES = 1L << 20;
    static final long MAX_UPLOAD_BYTES = 100L << 20;

    private final HttpServletRequest request;
    private final String resource;
    private final List<String> path;
    private final Map<String, String> query;
    private final AuthenticatedUser user;

    ApiRequestImpl(HttpServletRequest request, String resource, List<String> path, Map<String, String> query, AuthenticatedUser user) {
        this.request = request;
        this.resource = resource;
        this.path = List.copyOf(path);
        this.query = Map.copyOf(query);
        this.user = user;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public List<String> path() {
        return path;
    }

    @Override
    public Map<String, String> query() {
        return query;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public AuthenticatedUser user() {
        return user;
    }

    @Override
    public void require(Role role) throws ApiException {
        if (!user.may(role)) {
            throw ApiException.forbidden("this needs the " + role.code() + " role; '" + user.name() + "' is "
                    + user.role().code());
        }
    }

    @Override
    public <T> T body(Class<T> type) throws ApiException {
        String contentType = Optional.ofNullable(request.getContentType()).orElse("");
        if (!contentType.startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "the body must be application/json, not '"
                    + contentType + "'", List.of());
        }
        try (Reader reader = new InputStreamReader(new LimitedInputStream(request.getInputStream(), MAX_JSON_BYTES),
                StandardCharsets.UTF_8)) {
            T value = Json.GSON.fromJson(reader, type);
            if (value == null) {
                throw ApiException.badRequest("the body is empty; a JSON object is expected");
            }
            return value;
        } catch (LimitedInputStream.TooLarge e) {
            throw new ApiException(413, "too_large", "the JSON body is larger than " + MAX_JSON_BYTES + " bytes", List.of());
        } catch (JsonParseException e) {
            throw ApiException.badRequest("the body is not valid JSON for this call", rootMessage(e));
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    @Override
    public InputStream bodyStream() {
        try {
            return new LimitedInputStream(request.getInputStream(), MAX_UPLOAD_BYTES);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the request body: " + e.getMessage(), e);
        }
    }
}
