package io.github.ddbbackup.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * The AWS accounts the job's inputs name (table ARNs in {@code --tables} or {@code --tables-file}, the ARNs in a
 * {@code --resume} report), checked against the target's account before anything is sent. The target's account is
 * asked of STS ({@link io.github.ddbbackup.reactor.DynamoDbBackupClient#callerAccountId()}) once, and only when an
 * input names an account: a job of plain table names makes no STS call.
 */
final class AccountCheck {

    /**
     * One input naming an account.
     *
     * @param option  where it came from, e.g. {@code --tables}
     * @param shown   what it is, as a message shows it (a quoted, shortened ARN, or "the report F")
     * @param account the account it names
     */
    record Claim(String option, String shown, String account) {
    }

    private final List<Claim> claims;

    AccountCheck(List<Claim> claims) {
        this.claims = List.copyOf(claims);
    }

    /**
     * Completes when every claim names the target's account; otherwise errors with {@code usage} naming both
     * accounts, or saying that the target's account could not be confirmed (STS refused or did not answer).
     */
    Mono<Void> verify(Target target, Function<String, RuntimeException> usage) {
        if (claims.isEmpty()) {
            return Mono.empty();
        }
        return target.client().callerAccountId()
                .onErrorMap(e -> usage.apply("cannot confirm the account of " + target.endpoint() + " ("
                        + target.region() + "), which " + sources() + " by ARN ("
                        + BackupJob.shortened(e.getMessage()) + ")"))
                .flatMap(account -> {
                    List<Claim> elsewhere = claims.stream().filter(claim -> !claim.account().equals(account))
                            .toList();
                    return elsewhere.isEmpty() ? Mono.<Void>empty() : Mono.error(usage.apply(elsewhere.stream()
                            .collect(Collectors.groupingBy(Claim::option, LinkedHashMap::new,
                                    Collectors.toList()))
                            .entrySet().stream()
                            .map(byOption -> byOption.getKey() + ": " + byOption.getValue().stream()
                                    .map(claim -> claim.shown() + " (account " + claim.account() + ")")
                                    .collect(Collectors.joining(", ")))
                            .collect(Collectors.joining("; "))
                            + (elsewhere.size() == 1 ? " is" : " are") + " of another account than the target "
                            + target.endpoint() + " (" + target.region() + "), account " + account));
                });
    }

    /** The options whose ARNs need the account, and the accounts they name. */
    private String sources() {
        Set<String> options = claims.stream().map(Claim::option).collect(Collectors.toCollection(TreeSet::new));
        Set<String> accounts = claims.stream().map(Claim::account).collect(Collectors.toCollection(TreeSet::new));
        return String.join(" and ", options) + " name" + (options.size() == 1 ? "s" : "") + " account"
                + (accounts.size() == 1 ? " " : "s ") + String.join(", ", accounts);
    }
}
