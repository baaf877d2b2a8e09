/**
 * Internal test support of this project, not for users: {@link io.github.ddbbackup.testsupport.NonBlockingExtension}
 * fails every test during which BlockHound saw a blocking call on a non-blocking thread, or Reactor dropped an
 * error, even when the code under test swallowed the error. Used in test scope by every module that runs on Netty
 * threads; registered there by JUnit's extension auto-detection, switched on by this jar's
 * {@code junit-platform.properties}, so no test class has to remember it. Internal: may change without notice.
 */
@NullMarked
package io.github.ddbbackup.testsupport;

import org.jspecify.annotations.NullMarked;
