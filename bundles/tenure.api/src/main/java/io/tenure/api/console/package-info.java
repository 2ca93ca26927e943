/**
 * Console extension point: a bundle registers a {@link io.tenure.api.console.ConsolePage} and the page appears in the admin console while the bundle runs.
 */
@Export
@Version("1.0.0")
package io.tenure.api.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
