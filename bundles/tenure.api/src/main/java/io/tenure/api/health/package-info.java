/**
 * Customer health: the stored history of scores (one per account and day) with their status, and the
 * {@link io.tenure.api.health.HealthMeasure} extension point through which Tenure, verticals and partners add measures.
 */
@Export
@Version("1.0.0")
package io.tenure.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
