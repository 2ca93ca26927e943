/**
 * Runtime module management: features and bundles, their state and what they contribute, and the service that starts and stops them.
 */
@Export
@Version("1.0.0")
package io.tenure.api.module;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
