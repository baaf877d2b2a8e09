package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real {@code redis-server} on 127.0.0.1 and a free port, without persistence, for one test class or test. Which
 * binary: an installed {@code redis-server} (on PATH, or in /usr/bin, /usr/sbin, /usr/local/bin) when there is one,
 * else the one shipped in the test dependency {@code com.github.codemonstur:embedded-redis} ({@link ShippedRedis}), so
 * that the tests need nothing but a JDK. The system property {@value #CHOICE} chooses: {@code auto} (the default),
 * {@code shipped} (always the shipped binary, as {@code .ci/run} does once) or {@code installed}. It fails (never
 * skips) when the chosen binary cannot be run. Published in this module's test-jar for other modules' tests.
 */
public final class RedisServer implements AutoCloseable {

    /** The system property that chooses the binary: {@code auto}, {@code shipped} or {@code installed}. */
    public static final String CHOICE = "ddb.test.redis";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** What a machine needs for these tests, for failure messages. */
    static final String CHOICES = "The Redis tests run either an installed redis-server (on PATH; -D" + CHOICE
            + "=installed) or the one shipped in com.github.codemonstur:embedded-redis (-D" + CHOICE + "=shipped; Linux"
            + " amd64/arm64 with libssl 3, macOS amd64/arm64); the default, auto, takes the installed one when there is"
            + " one.";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path log;
    private final RedisClient inspector = RedisClient.create();
    private volatile Process process;

    private RedisServer(int port, Path log) {
        this.port = port;
        this.log = log;
        // A test JVM that dies without closing must not leave a redis-server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }, "redis-server-" + port + "-reaper"));
    }

    /** Starts a server on a free port and waits (bounded) until it answers PING. */
    public static RedisServer start() {
        RedisServer server = reserve();
        server.restart();
        return server;
    }

    /** A free port where a server can be started later with {@link #restart()}; nothing listens there yet. */
    public static RedisServer reserve() {
        return new RedisServer(freePort(), logFile());
    }

    /** Starts the server (again) on its port and waits (bounded) until it answers PING. */
    public void restart() {
        String executable = executable();
        try {
            process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + executable, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String what = process.isAlive() ? "did not answer PING on 127.0.0.1:" + port + " within " + START_TIMEOUT
                        : "exited with code " + process.exitValue() + " before answering PING on 127.0.0.1:" + port;
                stop();
                fail(executable + " " + what + "; its log (" + log + "):\n" + readLog() + "\n" + CHOICES);
            }
            pause(20);
        }
    }

    /** Kills the server (SIGKILL: it vanishes as a crashed Redis would) and waits, bounded, until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not stop within "
                        + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the server's process without closing its connections (SIGSTOP): a Redis that no longer answers. */
    public void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The port the server listens on (or will, after {@link #reserve()}). */
    public int port() {
        return port;
    }

    /**
     * Runs {@code action} on a fresh synchronous connection (on the test thread); for set-up and inspection only.
     * Commands time out after 2 s.
     */
    public <T> T redis(Function<RedisCommands<String, String>, T> action) {
        RedisURI uri = RedisURI.create(uri());
        uri.setTimeout(Duration.ofSeconds(2));
        try (StatefulRedisConnection<String, String> connection = inspector.connect(uri)) {
            return action.apply(connection.sync());
        }
    }

    @Override
    public void close() {
        stop();
        inspector.shutdown(Duration.ZERO, STOP_TIMEOUT);
    }

    private boolean answersPing() {
        try {
            return "PONG".equals(redis(RedisCommands::ping));
        } catch (RedisException e) {
            return false;
        }
    }

    /** The binary {@value #CHOICE} asks for. */
    private static String executable() {
        String choice = System.getProperty(CHOICE, "auto");
        return switch (choice) {
            case "auto" -> installed().orElseGet(ShippedRedis::path);
            case "shipped" -> ShippedRedis.path();
            case "installed" -> installed().orElseGet(() -> fail("-D" + CHOICE + "=installed, but redis-server is"
                    + " not installed (not on PATH, nor in /usr/bin, /usr/sbin, /usr/local/bin). " + CHOICES));
            default -> fail("-D" + CHOICE + "=" + choice + ": expected auto, shipped or installed");
        };
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

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    private static Path logFile() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "redis-server"));
            return Files.createTempFile(dir, "redis-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("could not create a log file for redis-server", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
