package io.github.ddbbackup.core;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Checks shared by the response records' constructors. */
final class Members {

    private Members() {
    }

    /** A member the API reference marks required; its absence makes the response malformed. */
    static <T> T required(@Nullable T value, String shapeAndMember) {
        if (value == null) {
            throw new MissingMemberException(shapeAndMember);
        }
        return value;
    }

    /** An optional member: a JSON {@code null} or absence both become {@link Optional#empty()}. */
    static <T> Optional<T> optional(@Nullable Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** A list member: absent becomes empty; the list is copied so the record stays immutable. */
    static <T> List<T> list(@Nullable List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    /** Thrown while building a response record that lacks a required member; the codec reports it as malformed. */
    static final class MissingMemberException extends IllegalArgumentException {
        MissingMemberException(String shapeAndMember) {
            super("missing required member " + shapeAndMember);
        }
    }
}
