/**
 * Users, roles, API tokens and authentication. Tenure implements {@link io.tenure.api.security.UserService}; callers read the authenticated user from a request attribute.
 */
@Export
@Version("1.0.0")
package io.tenure.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
