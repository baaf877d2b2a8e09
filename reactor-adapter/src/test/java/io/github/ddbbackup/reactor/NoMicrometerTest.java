package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: a client built without a registry must neither need nor load any of its
 * classes. {@link ClientWithoutRegistry} runs in a class loader of its own over this module's test class path (JDK
 * classes from the platform loader), which records every class it loads.
 */
class NoMicrometerTest {

    static final String ARN = ScriptedClientTest.ARN;
    static final List<String> EXPECTED = List.of(ARN, ARN, "CREATED", "orders");

    /**
     * Checked up to the clients' release: releasing a Reactor Netty pool makes Reactor Netty itself look for
     * Micrometer ({@code reactor.netty.internal.util.Metrics}), whichever client or application created the pool.
     */
    @Test
    void buildingAndCallingAClientWithoutRegistryLoadsNoMicrometerClassAlthoughMicrometerIsThere() throws Exception {
        try (RecordingLoader loader = new RecordingLoader(entry -> true)) {
            List<String> beforeRelease = new ArrayList<>();
            assertEquals(EXPECTED, loader.runClientWithoutRegistry(() -> beforeRelease.addAll(loader.micrometer())));
            assertEquals(List.of(), beforeRelease);
            assertTrue(loader.loaded.contains(DynamoDbBackupClientBuilder.class.getName()), "the run used this loader");
            // The control: Micrometer was there to be loaded (this throws when it is not).
            loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
        }
    }

    @Test
    void aClientWithoutRegistryWorksOnAClassPathWithoutMicrometer() throws Exception {
        try (RecordingLoader loader = new RecordingLoader(entry -> !entry.contains("micrometer"))) {
            assertThrows(ClassNotFoundException.class,
                    () -> loader.loadClass("io.micrometer.observation.ObservationRegistry"));
            assertEquals(EXPECTED, loader.runClientWithoutRegistry(() -> { }));
        }
    }

    /** Loads this module's test class path itself, except the entries {@code keep} refuses; records what it loads. */
    static final class RecordingLoader extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingLoader(Predicate<String> keep) {
            super(classPath(keep), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            Class<?> loadedClass = super.loadClass(name, resolve);
            loaded.add(name);
            return loadedClass;
        }

        /** The Micrometer classes loaded so far. */
        List<String> micrometer() {
            return loaded.stream().filter(name -> name.startsWith("io.micrometer.")).sorted().toList();
        }

        @SuppressWarnings("unchecked")
        List<String> runClientWithoutRegistry(Runnable beforeRelease) throws Exception {
            Method run = loadClass(ClientWithoutRegistry.class.getName()).getDeclaredMethod("run", Runnable.class);
            run.setAccessible(true);
            return (List<String>) run.invoke(null, beforeRelease);
        }

        /** Surefire names the test class path in a property (the JVM's own may be a manifest-only jar). */
        private static URL[] classPath(Predicate<String> keep) {
            String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            return Arrays.stream(path.split(File.pathSeparator)).filter(keep).map(entry -> {
                try {
                    return new File(entry).toURI().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(entry, e);
                }
            }).toArray(URL[]::new);
        }
    }
}
