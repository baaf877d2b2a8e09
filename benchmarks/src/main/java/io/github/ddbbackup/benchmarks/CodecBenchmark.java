package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.CreateBackupResponse;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.internal.WireCodec;
import java.time.Instant;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;

/** The JSON side of a CreateBackup call: the request body out, the response body in. */
public class CodecBenchmark extends MicroBenchmark {

    /** A CreateBackup answer as the emulator (and DynamoDB) sends it. */
    static final byte[] CREATE_BACKUP_RESPONSE = WireCodec.shared().encode(new CreateBackupResponse(new BackupDetails(
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01795264347487-1a2b3c4d",
            "orders-20261121T120000Z", Optional.of(0L), BackupStatus.CREATING, BackupType.USER,
            Instant.parse("2026-11-21T12:00:00.487Z"), Optional.empty())));

    private final WireCodec codec = WireCodec.shared();
    private final CreateBackupRequest request = new CreateBackupRequest("orders", "orders-20261121T120000Z");

    @Benchmark
    public byte[] encodeCreateBackupRequest() {
        return codec.encode(request);
    }

    @Benchmark
    public CreateBackupResponse decodeCreateBackupResponse() {
        return codec.decodeResponse(Operation.CREATE_BACKUP, CREATE_BACKUP_RESPONSE, 200, "request-id");
    }
}
