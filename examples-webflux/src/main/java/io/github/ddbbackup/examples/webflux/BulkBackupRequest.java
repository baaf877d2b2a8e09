package io.github.ddbbackup.examples.webflux;

import com.google.re2j.PatternSyntaxException;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.reactor.TableSelection;
import io.github.ddbbackup.reactor.TagCondition;
import java.util.List;
import java.util.function.Function;

/**
 * The body of {@code POST /backups:bulk}: either {@code tables}, or {@code all: true}, narrowed by the optional
 * filters; and optional plan settings.
 *
 * <pre>{@code
 * {"tables": ["orders", "users"]}
 * {"all": true, "prefix": "orders-", "excluding": ".*-tmp", "concurrency": 8, "nameTemplate": "{table}-{date}"}
 * {"all": true, "tags": ["backup=daily"], "excludingTags": ["team=red"]}
 * }</pre>
 *
 * @param tables       exactly these tables
 * @param all          every table of the account and region (ListTables); required instead of {@code tables}, so an
 *                     empty body never backs up everything
 * @param prefix       only tables whose name starts with it
 * @param matching     only tables whose whole name matches this regular expression
 * @param excluding    no table whose whole name matches this regular expression
 * @param tags         only tables carrying every one of these tags, each {@code KEY=VALUE} or {@code KEY} (any
 *                     value); read with the Resource Groups Tagging API (IAM {@code tag:GetResources})
 * @param excludingTags no table carrying any one of these tags
 * @param nameTemplate the backup name template; default the service's plan
 * @param concurrency  tables in flight at once; default the service's plan
 */
record BulkBackupRequest(List<String> tables, boolean all, String prefix, String matching, String excluding,
                         List<String> tags, List<String> excludingTags, String nameTemplate, Integer concurrency) {

    /**
     * What one request may start.
     *
     * @param maxTables      the most tables one request backs up
     * @param maxConcurrency the most tables one request has in flight
     */
    record Limits(int maxTables, int maxConcurrency) {

        /** {@code tables}, or a {@link RequestValidationException} when they are more than {@link #maxTables}. */
        List<String> checked(List<String> tables) {
            if (tables.size() > maxTables) {
                throw new RequestValidationException("tables", "more than " + maxTables + " tables",
                        "at most " + maxTables + " tables per request; narrow the selection with prefix, matching"
                                + " or excluding");
            }
            return tables;
        }
    }

    /** The selection, or a {@link RequestValidationException} naming the member at fault. */
    TableSelection selection(Limits limits) {
        if ((tables == null) == !all) {
            throw new RequestValidationException("tables", tables,
                    "exactly one of a \"tables\" list and \"all\": true");
        }
        if (tables != null && tables.isEmpty()) {
            throw new RequestValidationException("tables", tables, "non-empty");
        }
        if (tables != null) {
            limits.checked(tables);
        }
        TableSelection selection = all ? TableSelection.all() : TableSelection.of(tables);
        if (prefix != null) {
            selection = selection.withPrefix(prefix);
        }
        if (matching != null) {
            selection = regex("matching", matching, selection::matching);
        }
        if (excluding != null) {
            selection = regex("excluding", excluding, selection::excluding);
        }
        for (String tag : tags != null ? tags : List.<String>of()) {
            selection = tag("tags", tag, selection::withTag);
        }
        for (String tag : excludingTags != null ? excludingTags : List.<String>of()) {
            selection = tag("excludingTags", tag, selection::excludingTag);
        }
        return selection;
    }

    private static TableSelection tag(String field, String text, Function<TagCondition, TableSelection> apply) {
        try {
            return apply.apply(TagCondition.parse(String.valueOf(text)));
        } catch (InvalidOptionException e) {
            throw new RequestValidationException(field, text, e.rule());
        }
    }

    /** {@code defaults} with this request's template and concurrency, the latter within the limits. */
    BackupPlan plan(BackupPlan defaults, Limits limits) {
        BackupPlan.Builder plan = defaults.toBuilder();
        if (nameTemplate != null) {
            plan.nameTemplate(nameTemplate);
        }
        int inFlight = concurrency != null ? concurrency : Math.min(defaults.concurrency(), limits.maxConcurrency());
        if (inFlight < 1 || inFlight > limits.maxConcurrency()) {
            throw new RequestValidationException("concurrency", concurrency, "range 1.." + limits.maxConcurrency());
        }
        plan.concurrency(inFlight);
        return plan.build();
    }

    private static TableSelection regex(String field, String regex, Function<String, TableSelection> apply) {
        try {
            return apply.apply(regex);
        } catch (IllegalArgumentException e) {
            if (regex.length() > TableSelection.MAX_PATTERN_LENGTH) {
                throw new RequestValidationException(field, regex.length() + " characters",
                        "at most " + TableSelection.MAX_PATTERN_LENGTH + " characters");
            }
            String reason = e.getCause() instanceof PatternSyntaxException syntax ? syntax.getDescription() : "invalid";
            throw new RequestValidationException(field, regex, "RE2 regular expression syntax (" + reason + ")");
        }
    }
}
