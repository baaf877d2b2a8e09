package io.github.ddbbackup.testsupport;

import java.util.Arrays;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Records every blocking call BlockHound sees, then raises BlockingOperationError as BlockHound's own callback does.
 * The record is what makes a swallowed or dropped error still fail the test. Registered through
 * {@code META-INF/services}, so BlockHound loads it when it is installed.
 *
 * <p>A builder keeps one callback: no other integration on these classpaths sets one (Reactor's, Netty's and
 * Spring's only add allowances), so this one replaces BlockHound's default, which it imitates.
 */
public final class RecordingBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.blockingMethodCallback(RecordingBlockHoundIntegration::recordAndRaise);
    }

    private static void recordAndRaise(BlockingMethod method) {
        BlockingOperationError error = new BlockingOperationError(method);
        // Start the stack at the blocking method, as BlockHound's default callback does, not in this callback.
        StackTraceElement[] stack = error.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().equals(method.getClassName())
                    && stack[i].getMethodName().equals(method.getName())) {
                error.setStackTrace(Arrays.copyOfRange(stack, i, stack.length));
                break;
            }
        }
        Violations.blockingCall(error);
        throw error;
    }
}
