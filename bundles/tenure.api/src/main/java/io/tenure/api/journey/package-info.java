/**
 * Journey records: onboarding milestones with the first value moment, and the handoffs between teams.
 */
@Export
@Version("1.0.0")
package io.tenure.api.journey;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
