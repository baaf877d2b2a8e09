package io.github.ddbbackup.reactor;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;

/**
 * Which tables a bulk job backs up: an explicit list, or every table ListTables returns (page by page, on demand),
 * narrowed by a prefix, an include regex and an exclude regex. Immutable.
 */
public final class TableSelection {

    private final List<String> names;
    private final String prefix;
    private final Pattern include;
    private final Pattern exclude;

    private TableSelection(List<String> names, String prefix, Pattern include, Pattern exclude) {
        this.names = names;
        this.prefix = prefix;
        this.include = include;
        this.exclude = exclude;
    }

    /** Exactly these tables, in this order (filters still apply). */
    public static TableSelection of(Collection<String> names) {
        return new TableSelection(List.copyOf(names), null, null, null);
    }

    /** Every table of the account and region. */
    public static TableSelection all() {
        return new TableSelection(null, null, null, null);
    }

    /** Only tables whose name starts with {@code prefix}. */
    public TableSelection withPrefix(String prefix) {
        return new TableSelection(names, Objects.requireNonNull(prefix, "prefix"), include, exclude);
    }

    /** Only tables whose whole name matches {@code regex}. */
    public TableSelection matching(String regex) {
        return new TableSelection(names, prefix, compile("regex", regex), exclude);
    }

    /** No table whose whole name matches {@code regex}. */
    public TableSelection excluding(String regex) {
        return new TableSelection(names, prefix, include, compile("exclude", regex));
    }

    /** The selected table names; ListTables is called only when no explicit list was given. */
    public Flux<String> tables(DynamoDbBackupClient client) {
        Flux<String> source = names != null ? Flux.fromIterable(names) : client.listTables();
        return source.filter(this::accepts);
    }

    boolean accepts(String table) {
        return (prefix == null || table.startsWith(prefix))
                && (include == null || include.matcher(table).matches())
                && (exclude == null || !exclude.matcher(table).matches());
    }

    private static Pattern compile(String field, String regex) {
        Objects.requireNonNull(regex, field);
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(field + ": \"" + regex + "\" is not a valid regular expression: "
                    + e.getDescription(), e);
        }
    }
}
