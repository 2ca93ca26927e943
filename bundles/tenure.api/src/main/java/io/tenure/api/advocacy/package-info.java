/**
 * Advocacy: referrals with the credited CSM and won ARR, reference calls, reviews and case studies.
 */
@Export
@Version("1.0.0")
package io.tenure.api.advocacy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
