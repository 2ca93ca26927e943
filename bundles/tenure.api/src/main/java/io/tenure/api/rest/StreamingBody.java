package io.tenure.api.rest;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written straight to the client (CSV exports, large listings) instead of being built in memory as
 * JSON. Return it with {@link ApiResponse#stream}.
 */
@FunctionalInterface
public interface StreamingBody {
    void writeTo(OutputStream out) throws IOException;
}
