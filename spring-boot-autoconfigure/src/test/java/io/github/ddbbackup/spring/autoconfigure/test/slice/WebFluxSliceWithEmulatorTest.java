package io.github.ddbbackup.spring.autoconfigure.test.slice;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.spring.autoconfigure.test.AutoConfigureDynamoDbBackupEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A {@code @WebFluxTest} slice with the emulator annotation: the controller's client calls the emulator. */
@WebFluxTest(SliceApplication.TablesController.class)
@AutoConfigureDynamoDbBackupEmulator
class WebFluxSliceWithEmulatorTest {

    @Autowired
    WebTestClient web;

    @Autowired
    DynamoDbEmulator emulator;

    @Test
    void theControllersClientCallsTheEmulator() {
        emulator.createTables("orders-", 2);
        web.get().uri("/tables").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("orders-0,orders-1");
    }
}
