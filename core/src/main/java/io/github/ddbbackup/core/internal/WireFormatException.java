package io.github.ddbbackup.core.internal;

/** A request body that is not a JSON document of the operation's input shape (what DynamoDB calls a SerializationException). */
public final class WireFormatException extends RuntimeException {

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
