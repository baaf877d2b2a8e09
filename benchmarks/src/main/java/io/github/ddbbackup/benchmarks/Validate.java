package io.github.ddbbackup.benchmarks;

/** Option checks that name the option, the value and the rule. */
final class Validate {

    private Validate() {
    }

    static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + ": " + value + " violates >= " + min);
        }
        return value;
    }
}
