/**
 * Internal: may change without notice. The wire plumbing of DynamoDB's JSON 1.0 protocol shared by this project's
 * modules (the client, the emulator, the benchmarks): the codec, the protocol's fixed parts, the error mapper, the
 * request constraints, URL redaction and loopback checks, and the BlockHound allowance of the AWS SDK's signer. The
 * types are public only so that those modules can reach them; applications should not use them.
 */
@NullMarked
package io.github.ddbbackup.core.internal;

import org.jspecify.annotations.NullMarked;
