package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The stop signal: one bean in every application, completing when the context begins to stop, after the default
 * phase and before the web server's graceful shutdown, which waits for the tracked jobs to end.
 */
class DynamoDbBackupLifecycleAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbBackupLifecycleAutoConfiguration.class));

    @Test
    void registeredInAutoConfigurationImports() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(DynamoDbBackupLifecycleAutoConfiguration.class.getName());
    }

    @Test
    void completesWhenTheContextClosesNotBefore() {
        AtomicBoolean stopped = new AtomicBoolean();
        runner.run(context -> {
            DynamoDbBackupShutdownSignal signal = context.getBean(DynamoDbBackupShutdownSignal.class);
            signal.whenStopping().subscribe(null, null, () -> stopped.set(true));
            assertThat(signal.isRunning()).isTrue();
            assertThat(stopped).isFalse();
        });
        assertThat(stopped).as("completed by the context's close").isTrue();
    }

    @Test
    void stopsBeforeTheWebServersGracefulShutdownPhaseAndAfterTheDefaultPhase() {
        runner.withUserConfiguration(RecordingLifecycles.class).run(context -> {
            DynamoDbBackupShutdownSignal signal = context.getBean(DynamoDbBackupShutdownSignal.class);
            RecordingLifecycles lifecycles = context.getBean(RecordingLifecycles.class);
            signal.whenStopping().subscribe(null, null, () -> lifecycles.stops.add("signal"));
            ((GenericApplicationContext) context.getSourceApplicationContext()).stop();

            assertThat(lifecycles.stops).containsExactly("default phase", "signal", "graceful shutdown phase");
        });
    }

    @Test
    void theShutdownWaitsForATrackedJobToEndAfterSignallingIt() {
        Sinks.Empty<Void> lastCall = Sinks.empty();
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withUserConfiguration(RecordingLifecycles.class).run(context -> {
            DynamoDbBackupShutdownSignal signal = context.getBean(DynamoDbBackupShutdownSignal.class);
            RecordingLifecycles lifecycles = context.getBean(RecordingLifecycles.class);
            // A job that, once stopped, still waits for its last call before it ends.
            signal.track(signal.whenStopping().then(lastCall.asMono()).thenMany(Flux.just("summary")))
                    .subscribe(seen::add, null, () -> lifecycles.stops.add("job ended"));
            Thread callEnds = new Thread(() -> {
                // The last call ends once the job has been signalled, while the shutdown waits for it.
                signal.whenStopping().block(Duration.ofSeconds(20));
                lastCall.tryEmitEmpty();
            });
            callEnds.start();
            ((GenericApplicationContext) context.getSourceApplicationContext()).stop();
            callEnds.join(20_000);

            assertThat(seen).containsExactly("summary");
            assertThat(lifecycles.stops).containsExactly("default phase", "job ended", "graceful shutdown phase");
        });
    }

    @Test
    void aStoppedAndRestartedContextSignalsOnlyTheJobsOfTheRunThatStopped() {
        runner.run(context -> {
            DynamoDbBackupShutdownSignal signal = context.getBean(DynamoDbBackupShutdownSignal.class);
            GenericApplicationContext application = (GenericApplicationContext) context.getSourceApplicationContext();
            application.stop();
            application.start();
            AtomicBoolean stopped = new AtomicBoolean();
            signal.whenStopping().subscribe(null, null, () -> stopped.set(true));

            assertThat(stopped).as("a job of the new run").isFalse();
        });
    }

    @Test
    void theApplicationsOwnSignalWins() {
        runner.withBean("ownSignal", DynamoDbBackupShutdownSignal.class, DynamoDbBackupShutdownSignal::new)
                .run(context -> assertThat(context).hasSingleBean(DynamoDbBackupShutdownSignal.class)
                        .hasBean("ownSignal"));
    }

    /** Two lifecycles: one in the default phase, one in the phase of Spring Boot's graceful web server shutdown. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingLifecycles {

        final List<String> stops = new CopyOnWriteArrayList<>();

        @Bean
        SmartLifecycle defaultPhase() {
            return lifecycle("default phase", SmartLifecycle.DEFAULT_PHASE);
        }

        @Bean
        SmartLifecycle gracefulShutdownPhase() {
            return lifecycle("graceful shutdown phase", SmartLifecycle.DEFAULT_PHASE - 1024);
        }

        private SmartLifecycle lifecycle(String name, int phase) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                    stops.add(name);
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return phase;
                }
            };
        }
    }
}
