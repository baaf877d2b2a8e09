/**
 * An application, not a library: an example WebFlux service over the auto-configured client (create and list
 * backups, back up many tables while streaming each outcome, errors as RFC 9457 problem details). Its one public type
 * is {@link io.github.ddbbackup.examples.webflux.BackupServiceApplication}; the rest is package-private and may
 * change without notice.
 */
@NullMarked
package io.github.ddbbackup.examples.webflux;

import org.jspecify.annotations.NullMarked;
