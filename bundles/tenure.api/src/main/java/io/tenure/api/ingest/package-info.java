/**
 * Event ingestion: the sources that send product events (each with a write key), the events as the ingest bundle
 * hands them to the store once they are mapped to accounts, and {@link io.tenure.api.ingest.EventLedger}, the store's
 * side of ingestion: one transaction that deduplicates, applies and checkpoints a batch of events.
 */
@Export
@Version("1.1.0")
package io.tenure.api.ingest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
