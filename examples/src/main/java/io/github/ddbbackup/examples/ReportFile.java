package io.github.ddbbackup.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report on disk. Every write replaces the whole file atomically (a synced temporary file beside it, renamed over
 * it), so a reader, or a job resumed after {@code kill -9}, sees either the previous complete report or the new one.
 *
 * <p>Reports hold account ids, table names and the endpoint, and may sit in a directory others can write: each
 * temporary file has a new random name and is created exclusively (never through a planted file or symlink), readable
 * and writable by the owner only (POSIX {@code rw-------}), and the report keeps those permissions when it is renamed.
 */
final class ReportFile {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectWriter WRITER = JSON.writerWithDefaultPrettyPrinter();
    /** The default permissions of a report: its owner's only. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final Set<PosixFilePermission> permissions;

    /** A report readable and writable by its owner only. */
    ReportFile(Path path) {
        this(path, OWNER_ONLY);
    }

    /** A report with exactly these POSIX permissions, whatever the process's umask. */
    ReportFile(Path path, Set<PosixFilePermission> permissions) {
        this.path = path.toAbsolutePath();
        this.permissions = Set.copyOf(permissions);
    }

    /**
     * The file an optional option names ({@code --report}, {@code --metrics}), {@link #checked} as a report is; a
     * path it cannot be written at is a usage error naming the option (exit 2, before anything is sent).
     */
    static Optional<ReportFile> ofOption(CommandLine commandLine, String option, @Nullable Path path,
                                         Set<PosixFilePermission> permissions) {
        try {
            return Optional.ofNullable(path).map(given -> checked(given, permissions));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, option + ": " + e.getMessage());
        }
    }

    /**
     * The report at {@code path}, checked before the job sends anything. A symbolic link to a regular file is followed:
     * the report replaces the file it points to, and the link stays. Anything else that is there and not a regular
     * file (a directory, a device such as {@code /dev/null}, a pipe, a link to one of these or to nothing) is refused:
     * the report is written by renaming a new file over the path, which would replace it. The report's directory is
     * created if missing, and a file is created and deleted in it, so that an unwritable place is found now, not after
     * the first backups. Blocks on the disk.
     *
     * @throws IllegalArgumentException saying, in plain words, why the report cannot be written there
     */
    static ReportFile checked(Path path, Set<PosixFilePermission> permissions) {
        Path file = path.toAbsolutePath();
        if (Files.isSymbolicLink(file)) {
            try {
                file = file.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException(path + " is a symbolic link to nothing (" + IoFailure.reason(e) + ")", e);
            }
        }
        if (isSomethingElseThanARegularFile(file)) {
            throw new IllegalArgumentException(path + (file.equals(path.toAbsolutePath()) ? "" : " (" + file + ")")
                    + " is not a regular file (a directory, device, pipe or socket): the report is written only to"
                    + " a regular file or a new path");
        }
        ReportFile report = new ReportFile(file, permissions);
        Path probe = report.temporary();
        try {
            Files.createDirectories(file.getParent());
            createExclusively(probe, report.permissions).close();
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write in " + file.getParent() + " (" + IoFailure.reason(e) + ")", e);
        }
        return report;
    }

    /** Its POSIX permissions. */
    Set<PosixFilePermission> permissions() {
        return permissions;
    }

    /** Where the report is written: the path given, or the regular file a symbolic link there points to. */
    Path path() {
        return path;
    }

    /** Writes {@code report} off the event loops. */
    Mono<Void> write(Object report) {
        return Mono.<Void>fromRunnable(() -> writeNow(report)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Writes {@code document} (any other JSON document kept the same way, such as the meters) off the event loops. */
    Mono<Void> writeJson(Object document) {
        return Mono.<Void>fromRunnable(() -> writeBytesNow(WRITER.writeValueAsBytes(document)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Writes {@code report} on the calling thread (it blocks on the disk). */
    void writeNow(Object report) {
        writeBytesNow(WRITER.writeValueAsBytes(report));
    }

    private void writeBytesNow(byte[] bytes) {
        Path temporary = temporary();
        try {
            // Checked before the job, and again: the rename would replace whatever appeared there since.
            if (isSomethingElseThanARegularFile(path)) {
                throw new FileSystemException(path.toString(), null, "not a regular file");
            }
            Files.createDirectories(path.getParent());
            try (FileChannel channel = createExclusively(temporary, permissions)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write the report " + path, e);
        }
    }

    /** Whether something is at {@code file} that a rename over it would destroy: a directory, device, pipe, link. */
    private static boolean isSomethingElseThanARegularFile(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** A new random name beside the report. */
    private Path temporary() {
        return path.resolveSibling("." + path.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + ".tmp");
    }

    /** O_CREAT|O_EXCL: fails if anything, a symlink included, is already at {@code file}. */
    private static FileChannel createExclusively(Path file, Set<PosixFilePermission> permissions)
            throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileChannel channel = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(permissions));
            // Created with at most these permissions (the umask may remove some); now exactly these, as asked.
            Files.setPosixFilePermissions(file, permissions);
            return channel;
        }
        return FileChannel.open(file, options);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The write already failed; that error is the one to report.
        }
    }

    /**
     * Reads a report written by an earlier job.
     *
     * @throws IllegalArgumentException when the file does not exist or is not such a report
     */
    static Report read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist or is not a file");
        }
        try {
            return JSON.readValue(file, Report.class);
        } catch (JacksonException e) {
            // Jackson's own message names Java types; the location is what helps a person.
            throw new IllegalArgumentException(file + " is not a ddb-backup report (JSON with startedAt, endpoint,"
                    + " region and tables; unexpected content" + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ")",
                    e);
        }
    }
}
