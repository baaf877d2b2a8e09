/**
 * An application, not a library: the {@code ddb-backup} command line ({@code backup}, {@code list}, {@code prune})
 * built on the client, the Redis rate limiter and the emulator. Its one public type is the entry point
 * {@link io.github.ddbbackup.examples.DdbBackup}; everything else is package-private and may change without notice.
 */
@NullMarked
package io.github.ddbbackup.examples;

import org.jspecify.annotations.NullMarked;
