/**
 * Internal, not a library: the JMH microbenchmarks and the harness that measures this client beside the AWS SDK's
 * async client ({@code compare}, {@code bulk}, {@code memory}, {@code shared-budget}; see BENCHMARKS.md), run through
 * {@link io.github.ddbbackup.benchmarks.Main}. It may use this project's internal packages; it may change without
 * notice.
 */
@NullMarked
package io.github.ddbbackup.benchmarks;

import org.jspecify.annotations.NullMarked;
