package io.github.ddbbackup.testsupport;

/**
 * One thing that must not happen on a non-blocking thread, as recorded where it happened.
 *
 * @param kind   what happened
 * @param what   the blocking method, or the dropped error's class and message
 * @param thread the name of the thread it happened on
 * @param when   which test (or the time between tests) was running then, for attributing late background work
 * @param trace  the stack where it happened (for a dropped error, the drop site, with the error as its cause)
 */
public record Violation(Kind kind, String what, String thread, String when, Throwable trace) {

    /** The kinds recorded. */
    public enum Kind {
        /** BlockHound saw a blocking call on a non-blocking thread (even if the error it raised was swallowed). */
        BLOCKING_CALL("blocking call"),
        /** Reactor dropped an error ({@code Hooks.onErrorDropped}): nobody subscribed could receive it any more. */
        DROPPED_ERROR("dropped error"),
        /** A task on a Reactor scheduler threw and nobody handled it ({@code Schedulers.onHandleError}). */
        UNHANDLED_SCHEDULER_ERROR("unhandled error on a scheduler");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** One line for a failure message: kind, what, thread and when. */
    public String summary() {
        return kind + " " + what + " on thread \"" + thread + "\", " + when;
    }
}
