package io.github.ddbbackup.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Shows how far a job is: a progress bar on a terminal, a plain line every few seconds elsewhere (CI logs). Both read
 * the {@link JobRecord}; neither prints on the caller's thread, which may be an event loop.
 */
interface Progress {

    /** Stops showing progress; the display is complete when the returned Mono completes. */
    Mono<Void> finish();

    /** The display fitting {@code context}: a bar on a terminal, otherwise periodic lines. */
    static Progress start(CommandContext context, JobRecord record) {
        return context.terminal()
                .<Progress>map(terminal -> new Bar(terminal, record))
                .orElseGet(() -> new Lines(context.out(), record, context.progressInterval(),
                        Schedulers.boundedElastic()));
    }

    /** A progress bar (me.tongfei progressbar's console and redrawing thread), its text a {@link BarLine}. */
    final class Bar implements Progress {

        private final ProgressBar bar;

        Bar(PrintStream terminal, JobRecord record) {
            this.bar = new ProgressBarBuilder()
                    .setTaskName("backup")
                    .setRenderer((state, width) -> BarLine.render(record.counts(), width))
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal))
                    .build();
        }

        @Override
        public Mono<Void> finish() {
            // Closing draws the line once more, with the final counts.
            return Mono.<Void>fromRunnable(bar::close).subscribeOn(Schedulers.boundedElastic());
        }
    }

    /** A line every {@code interval}, printed on {@code scheduler}. */
    final class Lines implements Progress {

        private final Disposable ticker;

        Lines(PrintWriter out, JobRecord record, Duration interval, Scheduler scheduler) {
            this.ticker = Flux.interval(interval, interval, scheduler)
                    .subscribe(tick -> out.println("backup: " + record.counts().progressLine()));
        }

        @Override
        public Mono<Void> finish() {
            return Mono.fromRunnable(ticker::dispose);
        }
    }
}
