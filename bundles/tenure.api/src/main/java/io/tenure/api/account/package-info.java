/**
 * The customer account and the classifications every bundle shares: vertical, segment, touch model, journey stage.
 */
@Export
@Version("1.0.0")
package io.tenure.api.account;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
