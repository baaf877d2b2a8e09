package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.error.BackupNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The one watcher of a {@link DynamoDbBackupClient#backupAll} job whose plan waits: it confirms that the job's
 * backups become AVAILABLE by paging ListBackups, where one page (up to {@value #PAGE_SIZE} backups) confirms many
 * backups for one call, instead of one DescribeBackup per backup. The client's rate limiter paces the pages at
 * ListBackups' own limit, so watching takes nothing from CreateBackup's or DescribeBackup's budget.
 *
 * <p>A look (one round) is a complete listing of the USER backups created since the oldest backup still watched
 * (less {@link #LOOK_BACK}, DynamoDB's own timestamps on both sides), of its table when only one table is watched, of
 * every table otherwise. Each watched backup a page shows AVAILABLE is confirmed, DELETED fails it. A backup listed by
 * an earlier look and missing from a complete one is asked about with DescribeBackup before it is called lost. When
 * no more than {@value #DESCRIBE_AT_MOST} backups are left, DescribeBackup of each is cheaper than a listing and is
 * used instead. A look that confirmed something is followed at once by the next (the rate limiter paces them at
 * ListBackups' 5/s: a backup is seen at most about 200 ms after it became AVAILABLE, which is what the job's end
 * waits for); a look that confirmed nothing by a pause of {@link #PAUSE_FIRST}, doubled after each such look up to
 * {@link #PAUSE_MAX}, so that backups that take minutes cost a call every 2 s. A failed look (ListBackups
 * throttled past its retries, say) is tried again after the pause; its error is named if a backup then times out.
 * The watcher stops when nothing is left to watch and starts again, after {@link #PAUSE_FIRST}, when a backup is
 * added.
 *
 * <p>Each backup waits at most the plan's {@code availableTimeout} from when it was added; it then fails with
 * {@link BackupNotAvailableException.Reason#NOT_CONFIRMED_IN_TIME}, whose message says that the backup exists.
 */
final class AvailabilityWatcher {

    /** Page size of the listing: the most ListBackups accepts. */
    static final int PAGE_SIZE = ListBackupsRequest.LIMIT_MAX;
    /** Up to this many backups left, DescribeBackup each (10/s) costs less than a listing (5 pages/s). */
    static final int DESCRIBE_AT_MOST = 2;
    /** How far before the oldest watched backup's creation time the listing starts (timestamps are rounded). */
    static final Duration LOOK_BACK = Duration.ofSeconds(1);
    /** The pause after a look that confirmed nothing, doubled after each such look up to {@link #PAUSE_MAX}. */
    static final Duration PAUSE_FIRST = Duration.ofMillis(250);
    static final Duration PAUSE_MAX = Duration.ofSeconds(2);

    /** A backup seen AVAILABLE, and when the job saw it so. */
    record Confirmed(BackupDetails details, Instant seenAt) {
    }

    /** One backup being watched; its mutable members are guarded by the watcher. */
    private static final class Watched {
        final String table;
        final MonoSink<Confirmed> sink;
        final Instant createdAt;
        BackupDetails details;
        @Nullable BackupStatus lastSeen;
        boolean listed;
        @Nullable Disposable timer;

        Watched(String table, BackupDetails details, MonoSink<Confirmed> sink) {
            this.table = table;
            this.details = details;
            this.sink = sink;
            this.createdAt = details.backupCreationDateTime();
        }
    }

    private final DynamoDbBackupClient client;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private boolean running;
    private int quietLooks;
    private @Nullable Throwable lastError;
    private @Nullable Disposable look;

    /**
     * @param clock   stamps {@link Confirmed#seenAt()} (the plan's clock)
     * @param timeout how long each backup is waited for
     */
    AvailabilityWatcher(DynamoDbBackupClient client, Scheduler scheduler, Clock clock, Duration timeout) {
        this.client = client;
        this.scheduler = scheduler;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Watches {@code created} (CreateBackup's answer for {@code table}) until it is AVAILABLE. Cancelling stops
     * watching it.
     */
    Mono<Confirmed> watch(String table, BackupDetails created) {
        return Mono.create(sink -> {
            Watched entry = new Watched(table, created, sink);
            boolean start;
            synchronized (this) {
                watched.put(created.backupArn(), entry);
                entry.timer = scheduler.schedule(() -> end(entry, null, timedOut(entry)), timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
                start = !running;
                running = true;
            }
            sink.onDispose(() -> forget(entry));
            if (start) {
                // A backup just created is still CREATING: the first look waits, and sees those created meanwhile.
                next(PAUSE_FIRST);
            }
        });
    }

    /** Stops looking (the job ended); the backups still watched are left to their subscribers' cancellation. */
    void stop() {
        Disposable current;
        synchronized (this) {
            current = look;
            running = false;
            watched.clear();
        }
        if (current != null) {
            current.dispose();
        }
    }

    private void next(Duration pause) {
        synchronized (this) {
            if (watched.isEmpty() || !running) {
                running = false;
                return;
            }
        }
        // Subscribed outside the lock: on a virtual-time scheduler the look may run (and end) right here.
        Disposable started = Mono.delay(pause, scheduler).then(Mono.defer(this::look))
                .subscribe(this::afterLook, error -> afterLook(false));
        synchronized (this) {
            look = started;
        }
    }

    private void afterLook(boolean confirmedAny) {
        Duration pause;
        synchronized (this) {
            quietLooks = confirmedAny ? 0 : quietLooks + 1;
            pause = quietLooks == 0 ? Duration.ZERO
                    : min(PAUSE_MAX, PAUSE_FIRST.multipliedBy(1L << Math.min(quietLooks - 1, 8)));
        }
        next(pause);
    }

    /** One look at every watched backup; whether it ended any. */
    private Mono<Boolean> look() {
        List<Watched> now;
        synchronized (this) {
            now = new ArrayList<>(watched.values());
        }
        if (now.isEmpty()) {
            return Mono.just(false);
        }
        if (now.size() <= DESCRIBE_AT_MOST) {
            return Flux.fromIterable(now).concatMap(entry -> describe(entry, false)).reduce(false, Boolean::logicalOr);
        }
        Instant from = now.stream().map(entry -> entry.createdAt).min(Comparator.naturalOrder()).orElseThrow()
                .minus(LOOK_BACK);
        Set<String> tables = new HashSet<>();
        now.forEach(entry -> tables.add(entry.table));
        ListBackupsRequest request = ListBackupsRequest.builder().timeRangeLowerBound(from)
                .backupType(BackupTypeFilter.USER).limit(PAGE_SIZE)
                .tableName(tables.size() == 1 ? tables.iterator().next() : null).build();
        Set<String> listedNow = new HashSet<>();
        return client.listBackups(request)
                .map(summary -> {
                    summary.backupArn().ifPresent(listedNow::add);
                    return seen(summary);
                })
                .reduce(false, Boolean::logicalOr)
                .doOnNext(complete -> {
                    synchronized (this) {
                        lastError = null;
                    }
                })
                .flatMap(confirmedAny -> vanished(now, listedNow).concatMap(entry -> describe(entry, true))
                        .reduce(confirmedAny, Boolean::logicalOr))
                .onErrorResume(error -> {
                    synchronized (this) {
                        lastError = error;
                    }
                    return Mono.just(false);
                });
    }

    /** The entries an earlier look listed that this complete one did not, though still watched. */
    private Flux<Watched> vanished(List<Watched> looked, Set<String> listedNow) {
        List<Watched> gone = new ArrayList<>();
        synchronized (this) {
            for (Watched entry : looked) {
                if (entry.listed && !listedNow.contains(entry.details.backupArn())
                        && watched.get(entry.details.backupArn()) == entry) {
                    gone.add(entry);
                }
            }
        }
        return Flux.fromIterable(gone);
    }

    /** A listed backup: ends its entry when it is AVAILABLE or DELETED; whether it ended one. */
    private boolean seen(BackupSummary summary) {
        Watched entry;
        synchronized (this) {
            entry = summary.backupArn().map(watched::get).orElse(null);
            if (entry == null || summary.backupStatus().isEmpty()) {
                return false;
            }
            entry.listed = true;
            entry.lastSeen = summary.backupStatus().get();
        }
        return settle(entry, entry.lastSeen, withStatus(entry.details, entry.lastSeen, summary));
    }

    /** DescribeBackup of one entry; {@code lostIfNotFound}: it vanished from the listing. Whether it ended it. */
    private Mono<Boolean> describe(Watched entry, boolean lostIfNotFound) {
        return client.describeBackup(entry.details.backupArn())
                .map(description -> description.backupDetails()
                        .map(details -> {
                            synchronized (this) {
                                entry.lastSeen = details.backupStatus();
                            }
                            return settle(entry, details.backupStatus(), details);
                        })
                        .orElse(false))
                .onErrorResume(BackupNotFoundException.class, notFound -> Mono.just(lostIfNotFound
                        && end(entry, null, BackupNotAvailableException.lost(entry.details.backupArn(),
                        entry.lastSeen, notFound))))
                .onErrorResume(error -> {
                    synchronized (this) {
                        lastError = error;
                    }
                    return Mono.just(false);
                });
    }

    private boolean settle(Watched entry, @Nullable BackupStatus status, BackupDetails details) {
        if (BackupStatus.AVAILABLE.equals(status)) {
            return end(entry, new Confirmed(details, clock.instant()), null);
        }
        if (BackupStatus.DELETED.equals(status)) {
            return end(entry, null, new BackupNotAvailableException(entry.details.backupArn(), BackupStatus.DELETED));
        }
        return false;
    }

    /** Ends an entry once, with a confirmation or an error; whether this call ended it. */
    private boolean end(Watched entry, @Nullable Confirmed confirmed, @Nullable Throwable error) {
        synchronized (this) {
            if (!watched.remove(entry.details.backupArn(), entry)) {
                return false;
            }
        }
        if (entry.timer != null) {
            entry.timer.dispose();
        }
        if (confirmed != null) {
            entry.sink.success(confirmed);
        } else {
            entry.sink.error(Objects.requireNonNull(error));
        }
        return true;
    }

    private void forget(Watched entry) {
        synchronized (this) {
            watched.remove(entry.details.backupArn(), entry);
        }
        if (entry.timer != null) {
            entry.timer.dispose();
        }
    }

    private BackupNotAvailableException timedOut(Watched entry) {
        synchronized (this) {
            return BackupNotAvailableException.notConfirmedInTime(entry.details.backupArn(), entry.lastSeen, timeout,
                    lastError);
        }
    }

    /** CreateBackup's details with the status (and size) a listing or description showed. */
    private static BackupDetails withStatus(BackupDetails created, BackupStatus status, BackupSummary summary) {
        return new BackupDetails(created.backupArn(), created.backupName(),
                summary.backupSizeBytes().or(created::backupSizeBytes), status,
                created.backupType(), created.backupCreationDateTime(), created.backupExpiryDateTime());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
