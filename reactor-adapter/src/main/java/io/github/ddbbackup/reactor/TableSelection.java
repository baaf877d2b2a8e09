package io.github.ddbbackup.reactor;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.Validation;
import io.github.ddbbackup.core.GetResourcesRequest;
import io.github.ddbbackup.core.GetResourcesRequest.TagFilter;
import io.github.ddbbackup.core.GetResourcesResponse.ResourceTagMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import io.github.ddbbackup.core.error.AccessDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Which tables a bulk job backs up: an explicit list, or every table ListTables returns (page by page, on demand),
 * narrowed by a prefix, an include regex and an exclude regex, and by tags. Immutable.
 *
 * <p>Tags ({@link #withTag}, {@link #excludingTag}) are read with the Resource Groups Tagging API's GetResources, up
 * to 100 tables a call, filtered by the required tags on the service's side: without an explicit list, the tables
 * come from it rather than from ListTables. The listing is read in full before the first table is emitted. A table
 * deleted a moment ago may still be listed by it for a while: its backup then fails as any missing table's does.
 *
 * <p>The regular expressions are RE2 ({@code com.google.re2j}), matched in time linear in the name whatever the
 * pattern: they may come from a caller of a service, and are applied on the thread that delivers ListTables pages (an
 * event loop), where a backtracking pattern such as {@code (.*a){4}} would stall it for seconds. RE2 has no
 * backreferences or lookaround. A name that is not a valid table name or ARN (a server may send anything) is never
 * matched: it is selected, so that the job reports it FAILED with the reason instead of dropping it unseen.
 */
public final class TableSelection {

    private static final Logger log = LoggerFactory.getLogger(TableSelection.class);

    /** The longest regular expression accepted. */
    public static final int MAX_PATTERN_LENGTH = 1024;

    private final @Nullable List<String> names;
    private final @Nullable String prefix;
    private final @Nullable Pattern include;
    private final @Nullable Pattern exclude;
    private final List<TagCondition> tags;
    private final List<TagCondition> excludedTags;

    private TableSelection(@Nullable List<String> names, @Nullable String prefix, @Nullable Pattern include,
                           @Nullable Pattern exclude, List<TagCondition> tags, List<TagCondition> excludedTags) {
        this.names = names;
        this.prefix = prefix;
        this.include = include;
        this.exclude = exclude;
        this.tags = List.copyOf(tags);
        this.excludedTags = List.copyOf(excludedTags);
    }

    /** Exactly these tables, in this order (filters still apply). */
    public static TableSelection of(Collection<String> names) {
        return new TableSelection(List.copyOf(names), null, null, null, List.of(), List.of());
    }

    /** Every table of the account and region. */
    public static TableSelection all() {
        return new TableSelection(null, null, null, null, List.of(), List.of());
    }

    /** Only tables whose name starts with {@code prefix}. */
    public TableSelection withPrefix(String prefix) {
        return new TableSelection(names, Objects.requireNonNull(prefix, "prefix"), include, exclude, tags,
                excludedTags);
    }

    /** Only tables whose whole name matches {@code regex}. */
    public TableSelection matching(String regex) {
        return new TableSelection(names, prefix, compile("regex", regex), exclude, tags, excludedTags);
    }

    /** No table whose whole name matches {@code regex}. */
    public TableSelection excluding(String regex) {
        return new TableSelection(names, prefix, include, compile("exclude", regex), tags, excludedTags);
    }

    /**
     * Only tables carrying this tag, in addition to those already required (all must match). A key may be required
     * once.
     *
     * @throws InvalidOptionException when the key is already required, or as many keys are required as GetResources
     *                                takes (50)
     */
    public TableSelection withTag(TagCondition tag) {
        Objects.requireNonNull(tag, "tag");
        if (tags.stream().anyMatch(t -> t.key().equals(tag.key()))) {
            throw new InvalidOptionException("tag", tag.toString(), "each key once (all tags must match: "
                    + tags.stream().filter(t -> t.key().equals(tag.key())).findFirst().orElseThrow()
                    + " is already required)");
        }
        if (tags.size() == GetResourcesRequest.TAG_FILTERS_MAX) {
            throw new InvalidOptionException("tag", tag.toString(), "at most " + GetResourcesRequest.TAG_FILTERS_MAX
                    + " tags");
        }
        List<TagCondition> more = new ArrayList<>(tags);
        more.add(tag);
        return new TableSelection(names, prefix, include, exclude, more, excludedTags);
    }

    /** No table carrying this tag (nor any other excluded one). */
    public TableSelection excludingTag(TagCondition tag) {
        Objects.requireNonNull(tag, "tag");
        List<TagCondition> more = new ArrayList<>(excludedTags);
        more.add(tag);
        return new TableSelection(names, prefix, include, exclude, tags, more);
    }

    /** The tags every selected table carries. */
    public List<TagCondition> tags() {
        return tags;
    }

    /** The tags no selected table carries. */
    public List<TagCondition> excludedTags() {
        return excludedTags;
    }

    /**
     * The selected table names. Without tags, ListTables is called only when no explicit list was given; with a
     * required tag, GetResources names the tables (an explicit list is narrowed to those it names); with excluded
     * tags only, GetResources tells which of the listed tables to leave out. When GetResources is refused with
     * AccessDenied (no {@code tag:GetResources}), the tags are read with ListTagsOfResource instead, one table at a
     * time at its limit (10 per second); that is logged once, as WARN.
     */
    public Flux<String> tables(DynamoDbBackupClient client) {
        return tables(client, notice -> log.warn("{}", notice));
    }

    /**
     * As {@link #tables(DynamoDbBackupClient)}, telling {@code onFallback} (once) when the tags are read with
     * ListTagsOfResource because GetResources was refused.
     */
    public Flux<String> tables(DynamoDbBackupClient client, Consumer<String> onFallback) {
        if (tags.isEmpty() && excludedTags.isEmpty()) {
            Flux<String> source = names != null ? Flux.fromIterable(names) : client.listTables();
            return source.filter(this::accepts);
        }
        List<TagFilter> filters = tags.stream().map(TagCondition::toFilter).toList();
        return client.getResources(GetResourcesRequest.tables(filters))
                .collect(LinkedHashMap<String, Map<String, String>>::new,
                        (byName, mapping) -> byName.put(tableNameOf(mapping.resourceArn()), tagsOf(mapping)))
                .map(tagged -> {
                    Flux<String> source = names != null ? Flux.fromIterable(names)
                            : tags.isEmpty() ? client.listTables() : Flux.fromIterable(tagged.keySet());
                    return source.filter(table -> accepts(table) && acceptsTags(table, tagged));
                })
                .onErrorResume(AccessDeniedException.class, denied -> Mono.fromCallable(() -> {
                    onFallback.accept("GetResources (Resource Groups Tagging API) was refused: "
                            + denied.getMessage() + "; reading each table's tags with ListTagsOfResource instead,"
                            + " 10 tables per second");
                    return tagsOneByOne(client);
                }))
                .flatMapMany(selected -> selected);
    }

    /**
     * ListTagsOfResource for each table that passes the name filters, in order, as its limit allows (the client's
     * rate limiter paces them); the table ARNs are built from the caller's account (STS, once) and the client's
     * region. A name that is not a table name is passed on unread, so that the job reports it.
     */
    private Flux<String> tagsOneByOne(DynamoDbBackupClient client) {
        Flux<String> candidates = (names != null ? Flux.fromIterable(names) : client.listTables()).filter(this::accepts);
        return client.callerAccountId().flatMapMany(account -> candidates.flatMapSequential(table -> {
            if (!Validation.isValidTableNameOrArn(table)) {
                return Mono.just(table);
            }
            String arn = table.startsWith("arn:") ? table : tableArn(client.region(), account, table);
            return client.listTagsOfResource(arn)
                    .collectMap(io.github.ddbbackup.core.Tag::key, io.github.ddbbackup.core.Tag::value)
                    .filter(tableTags -> matchesTags(tableTags))
                    .map(tableTags -> table);
        }, FALLBACK_CONCURRENCY));
    }

    /** ListTagsOfResource calls in flight at once in the fallback: its limit paces them, 10 per second. */
    static final int FALLBACK_CONCURRENCY = 10;

    /** A table's ARN in {@code region}'s partition. */
    static String tableArn(String region, String account, String table) {
        String partition = PartitionMetadata.of(Region.of(region)).id();
        return "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + table;
    }

    private boolean matchesTags(Map<String, String> tableTags) {
        return tags.stream().allMatch(tag -> tag.matches(tableTags))
                && excludedTags.stream().noneMatch(tag -> tag.matches(tableTags));
    }

    /** Whether a table, whose tags (if it has any) are in {@code tagged} by name, passes the tag conditions. */
    private boolean acceptsTags(String table, Map<String, Map<String, String>> tagged) {
        if (!Validation.isValidTableNameOrArn(table)) {
            return true;
        }
        return matchesTags(tagged.getOrDefault(tableNameOf(table), Map.of()));
    }

    /** A table's name, from its name or its ARN ({@code arn:...:table/<name>}). */
    static String tableNameOf(String tableNameOrArn) {
        int slash = tableNameOrArn.startsWith("arn:") ? tableNameOrArn.indexOf(":table/") : -1;
        return slash < 0 ? tableNameOrArn : tableNameOrArn.substring(slash + ":table/".length());
    }

    private static Map<String, String> tagsOf(ResourceTagMapping mapping) {
        Map<String, String> tags = new HashMap<>();
        mapping.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
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
