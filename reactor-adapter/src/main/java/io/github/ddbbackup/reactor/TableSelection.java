package io.github.ddbbackup.reactor;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.Validation;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Which tables a bulk job backs up: an explicit list, or every table ListTables returns (page by page, on demand),
 * narrowed by a prefix, an include regex and an exclude regex. Immutable.
 *
 * <p>The regular expressions are RE2 ({@code com.google.re2j}), matched in time linear in the name whatever the
 * pattern: they may come from a caller of a service, and are applied on the thread that delivers ListTables pages (an
 * event loop), where a backtracking pattern such as {@code (.*a){4}} would stall it for seconds. RE2 has no
 * backreferences or lookaround. A name that is not a valid table name or ARN (a server may send anything) is never
 * matched: it is selected, so that the job reports it FAILED with the reason instead of dropping it unseen.
 */
public final class TableSelection {

    /** The longest regular expression accepted. */
    public static final int MAX_PATTERN_LENGTH = 1024;

    private final @Nullable List<String> names;
    private final @Nullable String prefix;
    private final @Nullable Pattern include;
    private final @Nullable Pattern exclude;

    private TableSelection(@Nullable List<String> names, @Nullable String prefix, @Nullable Pattern include,
                           @Nullable Pattern exclude) {
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
        if (!Validation.isValidTableNameOrArn(table)) {
            return true;
        }
        return (prefix == null || table.startsWith(prefix))
                && (include == null || include.matcher(table).matches())
                && (exclude == null || !exclude.matcher(table).matches());
    }

    private static Pattern compile(String field, String regex) {
        Objects.requireNonNull(regex, field);
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidOptionException("TableSelection." + field, regex,
                    "at most " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidOptionException("TableSelection." + field, regex,
                    "a regular expression (RE2 syntax): " + e.getDescription(), e);
        }
    }
}
