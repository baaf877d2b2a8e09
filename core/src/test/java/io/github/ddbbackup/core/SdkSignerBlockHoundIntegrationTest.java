package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.SdkSignerBlockHoundIntegration;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import reactor.blockhound.integration.BlockHoundIntegration;

class SdkSignerBlockHoundIntegrationTest {

    @Test
    void blockHoundFindsTheSignerAllowanceOnTheClasspathOfEveryModuleBuiltOnCore() {
        assertTrue(ServiceLoader.load(BlockHoundIntegration.class).stream()
                        .anyMatch(provider -> provider.type() == SdkSignerBlockHoundIntegration.class),
                "META-INF/services registers SdkSignerBlockHoundIntegration");
    }
}
