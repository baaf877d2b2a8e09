/**
 * Public API: the model of DynamoDB's on-demand backup API, free of any transport (no Netty, no Reactor). The request
 * records ({@link io.github.ddbbackup.core.CreateBackupRequest}, {@link io.github.ddbbackup.core.ListBackupsRequest},
 * ...) check the API reference's constraints when constructed and throw
 * {@link io.github.ddbbackup.core.RequestValidationException}, so an invalid request never reaches the wire; the
 * response records are what the client hands back; {@link io.github.ddbbackup.core.Operation} names each operation
 * with its input and output types.
 *
 * <h2>Absent values: one rule</h2>
 * Every package of this library is {@link org.jspecify.annotations.NullMarked @NullMarked}: nothing is null unless
 * declared {@link org.jspecify.annotations.Nullable @Nullable}. Whether an absent value is a {@code null} or an empty
 * {@link java.util.Optional} depends only on its direction:
 * <ul>
 *   <li><b>In: {@code @Nullable}.</b> A value the caller may leave out (a request member, an option, a parameter) is
 *       {@code @Nullable}, and {@code null} means "not given", as in the AWS SDK's builders: for example every member
 *       of {@link io.github.ddbbackup.core.ListBackupsRequest}, or {@code BackupPlan.deadline}.</li>
 *   <li><b>Out: {@link java.util.Optional}.</b> A value the library hands back that may be absent (a member DynamoDB
 *       may leave out of a response, a part of an outcome, a look-up) is an {@code Optional}, never {@code null}: for
 *       example {@link io.github.ddbbackup.core.BackupDetails#backupSizeBytes()}, {@code BackupOutcome.error()} or
 *       {@code RateLimits.forOperation}. Lists are empty, never absent.</li>
 *   <li><b>Exceptions follow {@link java.lang.Throwable}</b>, whose {@code getCause()} and {@code getMessage()} may be
 *       {@code null}: an accessor for a part that may be missing (the request id of a response that had none) is
 *       {@code @Nullable}.</li>
 * </ul>
 * Why not one kind everywhere: {@code Optional} parameters and fields make every caller wrap what it already has, and
 * a {@code null} handed back is found only by reading the documentation; so the caller writes {@code null}, and reads
 * {@code Optional}.
 */
@NullMarked
package io.github.ddbbackup.core;

import org.jspecify.annotations.NullMarked;
