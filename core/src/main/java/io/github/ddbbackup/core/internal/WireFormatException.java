package io.github.ddbbackup.core.internal;

import org.jspecify.annotations.Nullable;

/** A request body that is not a JSON document of the operation's input shape (what DynamoDB calls a SerializationException). */
public final class WireFormatException extends RuntimeException {

    public WireFormatException(@Nullable String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
