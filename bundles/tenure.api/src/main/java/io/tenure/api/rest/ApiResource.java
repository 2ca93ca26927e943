package io.tenure.api.rest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A REST resource served under {@code /api/v1/}. Register it as a service with the property {@link #PATH}
 * naming its first path segment, e.g. {@code tenure.api.path=modules} serves {@code /api/v1/modules} and
 * everything below it. Callers are authenticated before {@link #handle} runs; the resource checks roles with
 * {@link ApiRequest#require}. The property may hold several segments; {@link ApiRequest#resource()} tells which
 * one a call came by. A value may also be a pattern below another resource, e.g. {@code accounts/*}{@code /health}: the
 * longest matching pattern wins, and {@link ApiRequest#path()} then holds the segments matched by {@code *} followed
 * by the rest. Whatever {@link ApiResponse#body()} holds (records, lists, maps) is written as
 * JSON; an {@link ApiException} becomes {@code {"error": {"code", "message", "details"}}}.
 */
@ConsumerType
public interface ApiResource {
    /** Service property: the first path segment under {@code /api/v1/} this resource serves. */
    String PATH = "tenure.api.path";

    ApiResponse handle(ApiRequest request) throws ApiException;
}
