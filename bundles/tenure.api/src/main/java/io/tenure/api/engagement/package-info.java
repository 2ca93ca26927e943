/**
 * What the customer does and says: usage rolled up per account, feature and day; survey responses; support tickets; interactions.
 */
@Export
@Version("1.0.0")
package io.tenure.api.engagement;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
