package io.github.ddbbackup.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/** Tests that talk to emulators through the AWS SDK share one Netty HTTP client per class (it is slow to close). */
abstract class WithSdkHttpClient {

    static SdkAsyncHttpClient http;

    @BeforeAll
    static void openHttpClient() {
        http = SdkClients.httpClient();
    }

    @AfterAll
    static void closeHttpClient() {
        http.close();
    }
}
