package io.github.ddbbackup.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report on disk. Every write replaces the whole file atomically (a synced temporary file beside it, renamed over
 * it), so a reader, or a job resumed after {@code kill -9}, sees either the previous complete report or the new one.
 */
final class ReportFile {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectWriter WRITER = JSON.writerWithDefaultPrettyPrinter();

    private final Path path;
    private final Path temporary;

    ReportFile(Path path) {
        this.path = path.toAbsolutePath();
        this.temporary = this.path.resolveSibling(this.path.getFileName() + ".tmp");
    }

    Path path() {
        return path;
    }

    /** Writes {@code report} off the event loops. */
    Mono<Void> write(Report report) {
        return Mono.<Void>fromRunnable(() -> writeNow(report)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Writes {@code report} on the calling thread (it blocks on the disk). */
    void writeNow(Report report) {
        byte[] bytes = WRITER.writeValueAsBytes(report);
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
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
            throw new UncheckedIOException("cannot write the report " + path, e);
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
            throw new IllegalArgumentException(file + " is not a ddb-backup report: " + e.getOriginalMessage(), e);
        }
    }
}
