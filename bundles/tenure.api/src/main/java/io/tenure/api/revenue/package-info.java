/**
 * Revenue records: subscriptions, the ARR movement ledger every revenue metric is computed from, expansion
 * opportunities and churn post-mortem records.
 */
@Export
@Version("1.0.0")
package io.tenure.api.revenue;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
