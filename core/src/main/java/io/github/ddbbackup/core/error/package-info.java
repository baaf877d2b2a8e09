/**
 * Public API: the errors a DynamoDB call can end with, one class per error code DynamoDB documents for the backup
 * operations, under categories a caller can catch by meaning (throttled, not found, in use, ...). The README's error
 * table lists them. {@link io.github.ddbbackup.core.internal.ErrorMapper} (internal) turns an error response into
 * the matching class.
 */
@NullMarked
package io.github.ddbbackup.core.error;

import org.jspecify.annotations.NullMarked;
