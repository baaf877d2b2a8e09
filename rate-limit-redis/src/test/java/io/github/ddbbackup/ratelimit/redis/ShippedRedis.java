package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * The real redis-server binary shipped as a resource of the test dependency {@code com.github.codemonstur:embedded-redis}
 * (only the binaries are used, not its Java classes), copied once per JVM to an executable temporary file: what
 * {@link RedisServer} runs on a machine without an installed redis-server.
 */
final class ShippedRedis {

    /** The jar's resource for each {@code os.name}/{@code os.arch} (Windows has only a Redis 5 build there: unused). */
    private static final Map<String, String> RESOURCES = Map.of(
            "linux/amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux/x86_64", "redis-server-6.2.6-v5-linux-amd64",
            "linux/aarch64", "redis-server-6.2.7-linux-arm64",
            "linux/arm64", "redis-server-6.2.7-linux-arm64",
            "mac/x86_64", "redis-server-6.2.6-v5-darwin-amd64",
            "mac/amd64", "redis-server-6.2.6-v5-darwin-amd64",
            "mac/aarch64", "redis-server-6.2.6-v5-darwin-arm64",
            "mac/arm64", "redis-server-6.2.6-v5-darwin-arm64");

    private ShippedRedis() {
    }

    /** The extracted binary's path (extracted on first use). */
    static String path() {
        return Extracted.PATH;
    }

    /** Holder: the copy is made once, when first asked for, and deleted when the JVM exits. */
    private static final class Extracted {
        static final String PATH = extract();
    }

    private static String extract() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = (os.startsWith("mac") ? "mac" : os.startsWith("linux") ? "linux" : os) + "/"
                + System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource = RESOURCES.get(platform);
        if (resource == null) {
            return fail("no redis-server installed, and embedded-redis ships none for " + platform + ". "
                    + RedisServer.CHOICES);
        }
        try (InputStream binary = ShippedRedis.class.getClassLoader().getResourceAsStream(resource)) {
            if (binary == null) {
                return fail("no redis-server installed, and " + resource + " is not on the test classpath (is"
                        + " com.github.codemonstur:embedded-redis a test dependency of this module?). "
                        + RedisServer.CHOICES);
            }
            Path file = Files.createTempFile("ddb-backup-" + resource + "-", "");
            file.toFile().deleteOnExit();
            Files.copy(binary, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true, true)) {
                return fail("could not make " + file + " executable. " + RedisServer.CHOICES);
            }
            return file.toString();
        } catch (IOException e) {
            throw new IllegalStateException("could not extract " + resource + " from embedded-redis", e);
        }
    }
}
