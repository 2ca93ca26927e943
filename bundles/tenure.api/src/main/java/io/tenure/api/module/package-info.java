/**
 * Runtime module management: features and bundles, their state and what they contribute, and the service that starts and stops them;
 * {@link io.tenure.api.module.GuardedRun} and {@link io.tenure.api.module.ExtensionFaults} keep extension code from
 * stalling or breaking the engines that call it.
 */
@Export
@Version("1.2.0")
package io.tenure.api.module;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
