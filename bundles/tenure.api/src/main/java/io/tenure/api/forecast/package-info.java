/**
 * The renewal forecast (DOMAIN.md §6): every renewal of a period in a confidence bucket derived from health or set by
 * a person with a recorded reason, the weighted forecast, and the {@link io.tenure.api.forecast.ForecastService} that
 * computes it for any period, so that every bundle showing a forecast (the board slide, the console) shows the same one.
 */
@Export
@Version("1.0.0")
package io.tenure.api.forecast;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
