/**
 * Customer health: the stored history of scores (one per account and day) with their status.
 */
@Export
@Version("1.0.0")
package io.tenure.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
