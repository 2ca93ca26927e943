/**
 * The customer-data model every bundle shares: each entity of the domain is a record with an {@link
 * io.tenure.api.data.EntityType} describing its fields, so storage, import, export and the REST API treat all of
 * them alike; {@link io.tenure.api.data.DataStore} gives the repositories, imports and exports. Bundles add entities of their own
 * with {@link io.tenure.api.data.EntityContribution} and demo records with {@link io.tenure.api.data.DemoContribution}.
 */
@Export
@Version("1.1.0")
package io.tenure.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
