package io.github.ddbbackup.reactor;

import io.github.ddbbackup.testsupport.NonBlockingExtension;
import org.junit.jupiter.api.Test;

/** Guards the other tests of this module: they run under BlockHound and under the extension that fails them. */
class BlockHoundActiveTest {

    @Test
    void aSwallowedBlockingCallOnAParallelThreadIsRecordedAgainstTheRunningTest() {
        NonBlockingExtension.assertWatchingThisTest();
    }
}
