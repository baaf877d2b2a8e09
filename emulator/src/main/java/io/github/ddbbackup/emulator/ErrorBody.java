package io.github.ddbbackup.emulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The JSON 1.0 error body: {@code {"__type":"<namespace>#<Code>","message":"..."}}. */
record ErrorBody(@JsonProperty("__type") String type, @JsonProperty("message") @Nullable String message) {

    static ErrorBody of(ServiceError error) {
        return new ErrorBody(error.type(), error.getMessage());
    }
}
