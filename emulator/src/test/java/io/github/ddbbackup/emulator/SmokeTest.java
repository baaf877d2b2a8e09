package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;

class SmokeTest {
    @Test
    void createBackup() {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().build();
             SdkAsyncHttpClient http = SdkClients.httpClient()) {
            emulator.start();
            emulator.createTable("orders");
            try (DynamoDbAsyncClient client = SdkClients.client(emulator, http)) {
                var details = SdkClients.await(client.createBackup(b -> b.tableName("orders").backupName("b-1")))
                        .backupDetails();
                System.out.println(details);
                assertEquals(BackupStatus.CREATING, details.backupStatus());
                System.out.println(SdkClients.await(client.listTables()));
                System.out.println(emulator.stats().requests());
            }
        }
    }
}
