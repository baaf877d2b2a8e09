/**
 * Public API: the non-blocking client over Reactor Netty. Start from
 * {@link io.github.ddbbackup.reactor.DynamoDbBackupClient#builder()}; the options are values
 * ({@link io.github.ddbbackup.reactor.RetryPolicy}, {@link io.github.ddbbackup.reactor.Timeouts}), bulk jobs are
 * described by {@link io.github.ddbbackup.reactor.BackupPlan} and {@link io.github.ddbbackup.reactor.TableSelection}
 * and report one {@link io.github.ddbbackup.reactor.BackupOutcome} per table. The client's own errors (no answer,
 * ambiguous outcome, response too large, backup not available) live here beside it. Every public type is API; the
 * implementation (call execution, transport, signing, paging) is package-private or in
 * {@link io.github.ddbbackup.reactor.internal}. Absent values follow the rule written in
 * {@link io.github.ddbbackup.core}.
 */
@NullMarked
package io.github.ddbbackup.reactor;

import org.jspecify.annotations.NullMarked;
