/**
 * The customer-data model every bundle shares: each entity of the domain is a record with an {@link
 * io.tenure.api.data.EntityType} describing its fields, so storage, import, export and the REST API treat all of
 * them alike; {@link io.tenure.api.data.DataStore} gives the repositories, imports and exports.
 */
@Export
@Version("1.0.0")
package io.tenure.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
