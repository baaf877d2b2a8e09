package io.github.ddbbackup.spring.autoconfigure.test.slice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A {@code @WebFluxTest} slice without the emulator annotation starts without the client and without its settings. */
@WebFluxTest(SliceApplication.TablesController.class)
class WebFluxSliceTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @Test
    void theSliceStartsWithoutTheClientOrARegion() {
        assertThat(context.getBeanNamesForType(DynamoDbBackupClient.class)).isEmpty();
        web.get().uri("/tables").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("no client");
    }
}
