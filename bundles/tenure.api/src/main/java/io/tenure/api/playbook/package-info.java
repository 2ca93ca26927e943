/**
 * Playbooks: a {@link io.tenure.api.playbook.PlaybookTrigger} registered as a service looks at an account's history and
 * names the signals it finds; Tenure turns each new signal into a task with an owner and a due time.
 */
@Export
@Version("1.1.0")
package io.tenure.api.playbook;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
