package io.github.ddbbackup.examples;

import com.google.re2j.PatternSyntaxException;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.reactor.TableSelection;
import io.github.ddbbackup.reactor.TagCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which tables to back up: {@code --tables a,b,c | --tables-file F | --prefix P | --regex R | --all}, optionally
 * {@code --exclude R}, and tags: {@code --tag KEY=VALUE} (repeatable, all must match; alone it is a source: every
 * table carrying the tags) and {@code --exclude-tag KEY[=VALUE]}. At most one source besides {@code --tag}; with
 * {@code --local} and none given, all tables.
 */
final class SelectionOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--tables", split = ",", paramLabel = "a,b,c", order = 1,
            description = "These tables (names or table ARNs of the target's region and account), comma-separated;"
                    + " spaces around names are ignored. A table named twice (by name and by ARN) is backed up once."
                    + " ARNs make the job confirm the target's account (STS GetCallerIdentity, once).")
    private List<String> tables;

    @Option(names = "--tables-file", paramLabel = "F", order = 2,
            description = "The tables listed in file F, one per line (names or ARNs, as for --tables); blank lines"
                    + " and lines starting with # are ignored.")
    private Path tablesFile;

    @Option(names = "--prefix", paramLabel = "P", order = 3,
            description = "Every table whose name starts with P (ListTables).")
    private String prefix;

    @Option(names = "--regex", paramLabel = "R", order = 4,
            description = "Every table whose whole name matches the regular expression R (RE2 syntax, at most 1024"
                    + " characters; ListTables).")
    private String regex;

    @Option(names = "--all", order = 5, description = "Every table of the account and region (ListTables).")
    private boolean all;

    @Option(names = "--exclude", paramLabel = "R", order = 6,
            description = "Leave out tables whose whole name matches the regular expression R (RE2 syntax).")
    private String exclude;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", order = 6,
            description = "Only tables carrying this tag; KEY alone: the key with any value. Repeatable: all must"
                    + " match. Alone, every table of the region carrying the tags. Read with the Resource Groups"
                    + " Tagging API (GetResources, 100 tables a call; IAM tag:GetResources).")
    private List<String> tagOptions;

    @Option(names = "--exclude-tag", paramLabel = "KEY[=VALUE]", order = 6,
            description = "Leave out tables carrying this tag (KEY alone: with any value). Repeatable: any one"
                    + " excludes.")
    private List<String> excludeTagOptions;

    @Option(names = "--allow-empty", order = 7,
            description = "A selection that matches no table ends with exit 0. Without it: exit 1, 'no table matched'.")
    private boolean allowEmpty;

    private List<AccountCheck.Claim> accountClaims = List.of();
    private List<TagCondition> tags = List.of();
    private List<TagCondition> excludedTags = List.of();

    /**
     * Checks that one source is given (none is fine with {@code --local}: all its tables) and that the regular
     * expressions compile.
     */
    void validate(boolean local) {
        List<String> given = new ArrayList<>();
        if (tables != null) {
            given.add("--tables");
        }
        if (tablesFile != null) {
            given.add("--tables-file");
        }
        if (prefix != null) {
            given.add("--prefix");
        }
        if (regex != null) {
            given.add("--regex");
        }
        if (all) {
            given.add("--all");
        }
        if (given.size() > 1) {
            throw usage("conflicting table selections " + String.join(" and ", given)
                    + ": give only one of --tables, --tables-file, --prefix, --regex, --all");
        }
        if (tablesFile != null && tablesFile.toString().isEmpty()) {
            throw usage("--tables-file: '' violates a file name");
        }
        tags = parseTags("--tag", tagOptions);
        excludedTags = parseTags("--exclude-tag", excludeTagOptions);
        if (given.isEmpty() && tags.isEmpty() && !local) {
            throw usage("missing table selection: give --tables a,b,c, --tables-file F, --prefix P, --regex R,"
                    + " --tag KEY=VALUE or --all");
        }
        try {
            withTags(TableSelection.all());
        } catch (InvalidOptionException e) {
            throw usage("--tag: '" + e.value() + "' violates " + e.rule());
        }
        // An unset shell variable ("--prefix $P") must not mean every table of the account.
        if (prefix != null && prefix.isEmpty()) {
            throw usage("--prefix: '' violates a non-empty prefix (give --all for every table)");
        }
        if (regex != null && regex.isEmpty()) {
            throw usage("--regex: '' violates a non-empty regular expression (give --all for every table)");
        }
        if (tables != null) {
            // As in --tables-file: "a, b" is a and b.
            tables = tables.stream().map(String::strip).toList();
            if (tables.stream().anyMatch(String::isEmpty)) {
                throw usage("--tables: '" + String.join(",", tables) + "' violates non-empty names separated by"
                        + " commas");
            }
        }
        compile("--regex", regex);
        compile("--exclude", exclude);
    }

    /**
     * The selection; reads {@code --tables-file}, so call it off the event loops. Tables named one by one are checked
     * ({@link ExplicitTables}) against the target's {@code region}.
     */
    TableSelection toSelection(String region) {
        TableSelection selection;
        if (tables != null) {
            selection = TableSelection.of(explicit("--tables", tables, region));
        } else if (tablesFile != null) {
            selection = TableSelection.of(explicit("--tables-file", readTablesFile(), region));
        } else if (prefix != null) {
            selection = TableSelection.all().withPrefix(prefix);
        } else if (regex != null) {
            selection = TableSelection.all().matching(regex);
        } else {
            selection = TableSelection.all();
        }
        return withTags(exclude != null ? selection.excluding(exclude) : selection);
    }

    /** The selection narrowed by the {@code --tag} and {@code --exclude-tag} conditions. */
    private TableSelection withTags(TableSelection selection) {
        for (TagCondition tag : tags) {
            selection = selection.withTag(tag);
        }
        for (TagCondition tag : excludedTags) {
            selection = selection.excludingTag(tag);
        }
        return selection;
    }

    /** Whether any tag condition is given: the tags are read with GetResources. */
    boolean usesTags() {
        return !tags.isEmpty() || !excludedTags.isEmpty();
    }

    private List<TagCondition> parseTags(String option, List<String> texts) {
        if (texts == null) {
            return List.of();
        }
        List<TagCondition> parsed = new ArrayList<>();
        for (String text : texts) {
            try {
                parsed.add(TagCondition.parse(text));
            } catch (IllegalArgumentException e) {
                String rule = e instanceof InvalidOptionException invalid ? invalid.rule() : e.getMessage();
                throw usage(option + ": '" + text + "' violates " + rule);
            }
        }
        return List.copyOf(parsed);
    }

    /** Whether the tables are named one by one ({@code --tables}, {@code --tables-file}), not matched. */
    boolean namesTables() {
        return tables != null || tablesFile != null;
    }

    /**
     * How the summary names a selection that matched no table, when that is a failure; empty with
     * {@code --allow-empty}.
     */
    Optional<String> failIfEmpty() {
        if (allowEmpty) {
            return Optional.empty();
        }
        String source = prefix != null ? "--prefix '" + prefix + "'" : regex != null ? "--regex '" + regex + "'"
                : tables == null && tablesFile == null && !tags.isEmpty() ? "the region's tables"
                : "the account's tables";
        List<String> with = new ArrayList<>();
        if (exclude != null) {
            with.add("--exclude '" + exclude + "'");
        }
        tags.forEach(tag -> with.add("--tag '" + tag + "'"));
        excludedTags.forEach(tag -> with.add("--exclude-tag '" + tag + "'"));
        return Optional.of(source + (with.isEmpty() ? "" : " with " + String.join(" and ", with)));
    }

    /** The accounts the named tables' ARNs name, for the account check; set by {@link #toSelection}. */
    List<AccountCheck.Claim> accountClaims() {
        return accountClaims;
    }

    private List<String> explicit(String option, List<String> names, String region) {
        try {
            List<String> tables = ExplicitTables.check(names, region);
            accountClaims = ExplicitTables.accountClaims(option, names);
            return tables;
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private List<String> readTablesFile() {
        try {
            List<String> names = Files.readAllLines(tablesFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
            if (names.isEmpty()) {
                throw usage("--tables-file: " + tablesFile + " lists no table");
            }
            return names;
        } catch (IOException e) {
            throw usage("--tables-file: cannot read " + tablesFile + " (" + IoFailure.reason(e) + ")");
        }
    }

    /** The expression as {@link TableSelection} takes it (RE2, length-capped), or a usage error naming the option. */
    private void compile(String option, String expression) {
        if (expression == null) {
            return;
        }
        if (expression.length() > TableSelection.MAX_PATTERN_LENGTH) {
            throw usage(option + ": '" + expression.substring(0, 64) + "...' (" + expression.length()
                    + " characters) violates at most " + TableSelection.MAX_PATTERN_LENGTH + " characters");
        }
        try {
            TableSelection.all().matching(expression);
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof PatternSyntaxException syntax ? syntax.getDescription()
                    : e.getMessage();
            throw usage(option + ": '" + expression + "' violates a regular expression (RE2 syntax: " + reason + ")");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
