/**
 * Money as an exact value: integer minor units plus an ISO 4217 currency, never floating point.
 */
@Export
@Version("1.0.0")
package io.tenure.api.money;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
