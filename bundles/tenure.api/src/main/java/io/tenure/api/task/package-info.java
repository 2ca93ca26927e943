/**
 * Tasks (calls to action) that playbooks create: owner, due time, status and outcome.
 */
@Export
@Version("1.0.0")
package io.tenure.api.task;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
