/**
 * Internal: may change without notice. Steps of the client's call path that this project's other modules need to
 * reach on their own: {@link io.github.ddbbackup.reactor.internal.RequestSigner}, which the benchmarks measure alone.
 * Applications use {@link io.github.ddbbackup.reactor.DynamoDbBackupClient} instead.
 */
@NullMarked
package io.github.ddbbackup.reactor.internal;

import org.jspecify.annotations.NullMarked;
