package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.emulator.RawHttp.Signing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shaded jar, run as a user would: {@code java -jar target/ddb-backup-emulator.jar --port 0 --tables 2}. */
class EmulatorJarIT {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void theExecutableJarServesSignedRequests() throws Exception {
        Path jar = Path.of("target", "ddb-backup-emulator.jar");
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--tables", "2")
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                output.lines().forEach(lines::add);
            } catch (Exception ignored) {
                // the process ended
            }
        }, "emulator-jar-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI endpoint = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (endpoint == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                Matcher matcher = line == null ? null : ENDPOINT.matcher(line);
                if (matcher != null && matcher.find()) {
                    endpoint = URI.create(matcher.group(1));
                }
            }
            assertNotNull(endpoint, "no endpoint printed within 30 s; output: " + lines);

            assertEquals(200, RawHttp.get(endpoint).status());
            Signing signing = new Signing(DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID,
                    DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY, Optional.empty(), DynamoDbEmulator.DEFAULT_REGION,
                    JsonProtocol.SIGNING_NAME, Instant.now());
            RawHttp.Response tables = RawHttp.post(endpoint, "ListTables", "{}", signing);
            assertEquals("{\"TableNames\":[\"table-0\",\"table-1\"]}", tables.text());
            assertEquals(Long.toString(JsonProtocol.crc32(tables.body())), tables.header(JsonProtocol.HEADER_CRC32));
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the emulator did not stop on SIGTERM");
        }
    }
}
