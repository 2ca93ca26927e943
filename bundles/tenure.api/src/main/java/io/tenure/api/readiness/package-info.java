/**
 * Readiness checks: a bundle registers a {@link io.tenure.api.readiness.ReadinessCheck} and {@code GET /health} reports 200 only when every check is ready.
 */
@Export
@Version("1.0.0")
package io.tenure.api.readiness;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
