package io.github.ddbbackup.reactor;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;

/** TEMPORARY STUB of the client branch's TableSelection; removed when branch {@code client} is merged. */
public final class TableSelection {

    private final List<String> names;
    private final Predicate<String> filter;

    private TableSelection(List<String> names, Predicate<String> filter) {
        this.names = names;
        this.filter = filter;
    }

    public static TableSelection of(Collection<String> names) {
        return new TableSelection(List.copyOf(names), t -> true);
    }

    public static TableSelection all() {
        return new TableSelection(null, t -> true);
    }

    public TableSelection withPrefix(String prefix) {
        return new TableSelection(names, filter.and(t -> t.startsWith(prefix)));
    }

    public TableSelection matching(String regex) {
        Pattern p = Pattern.compile(regex);
        return new TableSelection(names, filter.and(t -> p.matcher(t).matches()));
    }

    public TableSelection excluding(String regex) {
        Pattern p = Pattern.compile(regex);
        return new TableSelection(names, filter.and(t -> !p.matcher(t).matches()));
    }

    public Flux<String> tables(DynamoDbBackupClient client) {
        return (names != null ? Flux.fromIterable(names) : client.listTables()).filter(filter);
    }
}
