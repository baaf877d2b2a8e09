package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.internal.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tables named one by one ({@code --tables}, {@code --tables-file}), checked before anything is sent: every name a
 * valid table name or table ARN, every ARN of the target's region, and each table once however it is named (a table
 * named by its ARN and by its name is one table).
 */
final class ExplicitTables {

    /** A bad name is shown up to this many characters: a pasted file must not flood the terminal. */
    static final int SHOWN_CHARACTERS = 64;

    private ExplicitTables() {
    }

    /**
     * The tables, each once (in the spelling first given), in order.
     *
     * @param names  the names and ARNs as given, stripped
     * @param region the target's region
     * @throws IllegalArgumentException listing every invalid name, or every ARN of another region
     */
    static List<String> check(List<String> names, String region) {
        List<String> invalid = names.stream().filter(name -> !Validation.isValidTableNameOrArn(name)).toList();
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException(shown(invalid) + (invalid.size() == 1 ? " violates" : " violate")
                    + " a table name (3 to 255 characters of a-z A-Z 0-9 _ . -) or a table ARN"
                    + " (arn:aws:dynamodb:<region>:<account>:table/<name>)");
        }
        List<String> elsewhere = names.stream().filter(name -> isArn(name) && !regionOf(name).equals(region))
                .toList();
        if (!elsewhere.isEmpty()) {
            throw new IllegalArgumentException(shown(elsewhere) + (elsewhere.size() == 1 ? " is" : " are")
                    + " of another region than the target's, " + region);
        }
        Map<String, String> byName = new LinkedHashMap<>();
        names.forEach(name -> byName.putIfAbsent(nameOf(name), name));
        return List.copyOf(byName.values());
    }

    /** The table's name, whether it is given by name or by ARN. */
    static String nameOf(String nameOrArn) {
        return isArn(nameOrArn) ? nameOrArn.substring(nameOrArn.indexOf(":table/") + ":table/".length())
                : nameOrArn;
    }

    private static boolean isArn(String name) {
        return name.startsWith("arn:");
    }

    /**
     * What the account check needs of the names as given (repeats included): one claim per ARN, naming its account
     * (arn:partition:dynamodb:region:account:table/name).
     */
    static List<AccountCheck.Claim> accountClaims(String option, List<String> names) {
        return names.stream().filter(ExplicitTables::isArn)
                .map(arn -> new AccountCheck.Claim(option, shown(List.of(arn)), arn.split(":", 6)[4]))
                .toList();
    }

    /** The region of a valid table ARN: arn:partition:dynamodb:region:account:table/name. */
    private static String regionOf(String arn) {
        return arn.split(":", 6)[3];
    }

    static String shown(List<String> names) {
        return names.stream()
                .map(name -> "'" + (name.length() > SHOWN_CHARACTERS ? name.substring(0, SHOWN_CHARACTERS - 3)
                        + "...' (" + name.length() + " characters)" : name + "'"))
                .collect(Collectors.joining(", "));
    }
}
