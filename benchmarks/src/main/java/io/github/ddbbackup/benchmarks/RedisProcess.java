package io.github.ddbbackup.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on 127.0.0.1 and a free port, without persistence, for {@code shared-budget}: an
 * installed one when there is one, else the binary shipped in {@code com.github.codemonstur:embedded-redis} (a
 * dependency of this jar; only its binaries are used). The tests' {@code RedisServer} (rate-limit-redis's test-jar)
 * does the same for tests; this jar cannot use it, because a test-jar as a compile dependency breaks {@code ./mvnw
 * compile} of the reactor (the test-jar exists only after {@code package}). Commands are sent inline over a plain
 * socket: this only pings and counts keys.
 */
final class RedisProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** The jar's binary for each {@code os.name}/{@code os.arch}, as ShippedRedis (and .ci/run) choose it. */
    private static final Map<String, String> SHIPPED = Map.of(
            "linux/amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux/x86_64", "redis-server-6.2.6-v5-linux-amd64",
            "linux/aarch64", "redis-server-6.2.7-linux-arm64",
            "linux/arm64", "redis-server-6.2.7-linux-arm64",
            "mac/x86_64", "redis-server-6.2.6-v5-darwin-amd64",
            "mac/amd64", "redis-server-6.2.6-v5-darwin-amd64",
            "mac/aarch64", "redis-server-6.2.6-v5-darwin-arm64",
            "mac/arm64", "redis-server-6.2.6-v5-darwin-arm64");

    private final int port;
    private final Process process;
    private final String executable;

    private RedisProcess(int port, Process process, String executable) {
        this.port = port;
        this.process = process;
        this.executable = executable;
    }

    /** Starts a server on a free port and waits (bounded) until it answers PING. */
    static RedisProcess start() throws IOException, InterruptedException {
        String executable = installed().orElseGet(RedisProcess::extracted);
        int port = freePort();
        Process process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        RedisProcess redis = new RedisProcess(port, process, executable);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"+PONG".equals(redis.firstLineOf("PING"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                redis.close();
                throw new IllegalStateException(executable + " did not answer PING on 127.0.0.1:" + port + " within "
                        + START_TIMEOUT + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            Thread.sleep(20);
        }
        return redis;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Which binary runs. */
    String executable() {
        return executable;
    }

    /** How many keys match {@code pattern} (KEYS, for inspection after a run). */
    int keyCount(String pattern) {
        String answer = firstLineOf("KEYS " + pattern);
        if (!answer.startsWith("*")) {
            throw new IllegalStateException("KEYS " + pattern + " answered " + answer);
        }
        return Integer.parseInt(answer.substring(1));
    }

    /** The first line of Redis's answer to an inline command; "" when it does not answer. */
    private String firstLineOf(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) COMMAND_TIMEOUT.toMillis());
            socket.setSoTimeout((int) COMMAND_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("redis-server on port " + port + " did not stop within " + STOP_TIMEOUT);
        }
    }

    private static Optional<String> installed() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    /** The shipped binary, copied to an executable temporary file (deleted when the JVM exits). */
    private static String extracted() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = (os.startsWith("mac") ? "mac" : os.startsWith("linux") ? "linux" : os) + "/"
                + System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource = SHIPPED.get(platform);
        if (resource == null) {
            throw new IllegalStateException("no redis-server installed, and embedded-redis ships none for "
                    + platform);
        }
        try (InputStream binary = RedisProcess.class.getClassLoader().getResourceAsStream(resource)) {
            if (binary == null) {
                throw new IllegalStateException("no redis-server installed, and " + resource + " is not on the"
                        + " classpath (embedded-redis is a dependency of this jar)");
            }
            Path file = Files.createTempFile("ddb-backup-" + resource + "-", "");
            file.toFile().deleteOnExit();
            Files.copy(binary, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("could not make " + file + " executable");
            }
            return file.toString();
        } catch (IOException e) {
            throw new IllegalStateException("could not extract " + resource + " from embedded-redis", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
