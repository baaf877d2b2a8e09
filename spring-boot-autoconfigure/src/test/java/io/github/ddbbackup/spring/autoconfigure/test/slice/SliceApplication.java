package io.github.ddbbackup.spring.autoconfigure.test.slice;

import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The application the {@code @WebFluxTest} slices of this package find: one controller using the client. */
@SpringBootApplication
class SliceApplication {

    @RestController
    static class TablesController {

        private final ObjectProvider<DynamoDbBackupClient> client;

        TablesController(ObjectProvider<DynamoDbBackupClient> client) {
            this.client = client;
        }

        /** The tables, comma-separated; "no client" when the context has none. */
        @GetMapping("/tables")
        Mono<String> tables() {
            DynamoDbBackupClient backups = client.getIfAvailable();
            return backups == null ? Mono.just("no client")
                    : backups.listTables().collectList().map(tables -> String.join(",", tables));
        }
    }
}
