/**
 * Revenue metrics as services: a {@link io.tenure.api.metrics.Metric} registered by any bundle appears in the REST
 * API ({@code /api/v1/metrics/<name>}) and the console; every answer carries its definition and inputs.
 */
@Export
@Version("1.1.0")
package io.tenure.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
