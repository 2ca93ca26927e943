/**
 * REST extension point: a bundle registers an {@link io.tenure.api.rest.ApiResource} and it is served under
 * {@code /api/v1/<path>} while the bundle runs. Tenure does authentication, JSON and error formatting.
 */
@Export
@Version("1.0.0")
package io.tenure.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
