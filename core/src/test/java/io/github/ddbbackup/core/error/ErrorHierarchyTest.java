package io.github.ddbbackup.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.internal.ErrorMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The promises of the error hierarchy: one root with two branches, complete lists of categories and kinds, every
 * known error code in exactly one category and mapped to its own class, and client-side failures without a made-up
 * error code or HTTP status.
 */
class ErrorHierarchyTest {

    private static final Set<Class<?>> CATEGORIES = Set.of(ErrorResponseException.Throttled.class,
            ErrorResponseException.ServerError.class, ErrorResponseException.NotFound.class,
            ErrorResponseException.InUse.class, ErrorResponseException.AuthRefused.class,
            ErrorResponseException.InvalidRequest.class);

    private static final Set<Class<?>> CLIENT_SIDE_KINDS = Set.of(TransportException.class,
            AmbiguousOutcomeException.class, MalformedResponseException.class, RateLimitQueueFullException.class,
            SharedRateLimiterUnavailableException.class, CredentialsUnavailableException.class,
            BackupNotAvailableException.class, TableNotActiveException.class);

    @Test
    void theRootHasExactlyTwoBranchesAndEachBranchListsItsKindsCompletely() {
        assertEquals(Set.of(ErrorResponseException.class, ClientSideException.class), permitted(DynamoDbCallException.class));
        assertEquals(CATEGORIES, permitted(ErrorResponseException.class));
        assertEquals(CLIENT_SIDE_KINDS, permitted(ClientSideException.class));
        assertTrue(Modifier.isAbstract(DynamoDbCallException.class.getModifiers()), "only its branches are thrown");
        assertTrue(Modifier.isAbstract(ErrorResponseException.class.getModifiers()),
                "every error response is in a category");
    }

    @Test
    void everyExceptionClassOfThePackageIsUnderTheRoot() throws IOException, URISyntaxException {
        List<String> outside = new ArrayList<>();
        for (Class<?> type : classesOfThisPackage()) {
            if (Throwable.class.isAssignableFrom(type) && !DynamoDbCallException.class.isAssignableFrom(type)) {
                outside.add(type.getName());
            }
        }
        assertEquals(List.of(), outside);
        assertTrue(CATEGORIES.size() + CLIENT_SIDE_KINDS.size() < classesOfThisPackage().size(), "the scan found the package");
    }

    @Test
    void everyErrorCodeClassMapsFromItsCodeToItselfInOneCategoryWithTheCategorysRetryAnswer() {
        List<Class<?>> codeClasses = CATEGORIES.stream().flatMap(c -> permitted(c).stream()).toList();
        assertEquals(31, codeClasses.size(), codeClasses::toString);
        for (Class<?> type : codeClasses) {
            assertTrue(Modifier.isFinal(type.getModifiers()), type + " is one code: final");
            String code = codeConstantOf(type);

            ErrorResponseException e = ErrorMapper.map(400, code, "rid", new byte[0]);

            assertSame(type, e.getClass(), code);
            assertEquals(code, e.errorCode());
            Class<?> category = type.getSuperclass();
            assertTrue(CATEGORIES.contains(category), type + " sits right under a category");
            assertEquals(category == ErrorResponseException.Throttled.class
                    || category == ErrorResponseException.ServerError.class, e.isRetryable(), code + " retryable");
            assertEquals(category == ErrorResponseException.Throttled.class, e.isThrottling(), code + " throttling");
        }
        assertEquals(codeClasses.size(), codeClasses.stream().map(ErrorHierarchyTest::codeConstantOf)
                .collect(Collectors.toSet()).size(), "no two classes share a code");
    }

    @Test
    void aSwitchOverTheCategoryNeedsNoDefaultAndAgreesWithTheNestedClass() {
        List<ErrorResponseException> errors = new ArrayList<>();
        CATEGORIES.forEach(c -> permitted(c).forEach(type -> errors.add(ErrorMapper.map(400, codeConstantOf(type),
                null, new byte[0]))));
        for (int status : new int[] {400, 403, 429, 500, 503}) {
            errors.add(ErrorResponseException.byStatus("BrandNewException", "new", status, null));
        }
        Set<ErrorResponseException.Category> seen = new HashSet<>();
        for (ErrorResponseException e : errors) {
            // No default: a seventh category would not compile here until it is handled.
            Class<?> expected = switch (e.category()) {
                case THROTTLED -> ErrorResponseException.Throttled.class;
                case SERVER_ERROR -> ErrorResponseException.ServerError.class;
                case NOT_FOUND -> ErrorResponseException.NotFound.class;
                case IN_USE -> ErrorResponseException.InUse.class;
                case AUTH_REFUSED -> ErrorResponseException.AuthRefused.class;
                case INVALID_REQUEST -> ErrorResponseException.InvalidRequest.class;
            };
            assertInstanceOf(expected, e, e.getMessage());
            seen.add(e.category());
        }
        assertEquals(Set.of(ErrorResponseException.Category.values()), seen);
        assertEquals(CATEGORIES.size(), ErrorResponseException.Category.values().length, "one constant per class");
    }

    @Test
    void noCategoryIsNamedLikeAnErrorCodeOrOneOfItsClasses() {
        Set<String> codeNames = new HashSet<>();
        CATEGORIES.forEach(c -> permitted(c).forEach(type -> {
            codeNames.add(codeConstantOf(type));
            codeNames.add(type.getSimpleName());
        }));
        for (Class<?> category : CATEGORIES) {
            String name = category.getSimpleName();
            assertFalse(name.endsWith("Exception"), name + " reads as a category, not as an AWS error code");
            assertTrue(codeNames.stream().noneMatch(code -> code.startsWith(name)), name);
        }
    }

    @Test
    void clientSideFailuresHaveNoErrorCodeNoStatusOfTheirOwnAndSayWhatHappened() {
        for (Class<?> type : List.of(DynamoDbCallException.class, ClientSideException.class)) {
            Set<String> methods = Arrays.stream(type.getMethods()).map(Method::getName).collect(Collectors.toSet());
            assertFalse(methods.contains("errorCode") || methods.contains("httpStatus") || methods.contains("requestId"),
                    type + " offers no code, status or request id to make up");
        }
        TransportException refused = new TransportException("ConnectException before the request was written: refused",
                false, true, new java.net.ConnectException("refused"));
        List<ClientSideException> failures = List.of(refused,
                new AmbiguousOutcomeException("orders", "orders-1", refused),
                new MalformedResponseException("CreateBackup response could not be decoded", 200, "rid", null),
                new ChecksumMismatchException(1, 2, 200, "rid"),
                new ResponseTooLargeException(-1, 1024, 200, null),
                new RateLimitQueueFullException("CreateBackup", "https://dynamodb.eu-west-1.amazonaws.com",
                        "eu-west-1", 3),
                new SharedRateLimiterUnavailableException("no permit from the shared budget", null),
                new CredentialsUnavailableException("the credentials provider ProfileCredentialsProvider",
                        new IllegalStateException("Profile file contained no credentials for profile 'prod'")),
                new BackupNotAvailableException("arn:aws:dynamodb:eu-west-1:123456789012:table/t/backup/b",
                        BackupStatus.DELETED));
        for (ClientSideException e : failures) {
            assertFalse(e.getMessage().contains("TransportError") || e.getMessage().contains("HTTP none")
                    || e.getMessage().contains("HTTP 0"), e.getMessage());
        }
        assertTrue(failures.get(0).getMessage().startsWith("ConnectException before the request was written"));
        assertTrue(failures.get(1).getMessage().startsWith("CreateBackup of table orders as orders-1 may or may not"
                + " have happened: ConnectException"), failures.get(1).getMessage());
        assertEquals("CreateBackup response could not be decoded (HTTP 200, request id rid)",
                failures.get(2).getMessage(), "a response that came back keeps its real status and request id");
        assertEquals("no AWS credentials from the credentials provider ProfileCredentialsProvider; nothing was sent",
                failures.get(7).getMessage(), "where credentials were looked for; the provider's reason is the cause");
        assertEquals(List.of(true, false, true, true, true, false, false, false, false),
                failures.stream().map(DynamoDbCallException::isRetryable).toList(),
                "transport (request not written), ambiguous, malformed, checksum, too large, queue full,"
                        + " shared limiter, no credentials, backup gone");
    }

    @Test
    void anAmbiguousOutcomeKeepsWhatCameBackAsItsCause() {
        ErrorResponseException proxyPage = ErrorMapper.map(502, null, "rid", "<html>Bad Gateway</html>".getBytes());

        AmbiguousOutcomeException e = new AmbiguousOutcomeException("orders", "orders-1", proxyPage);
        AmbiguousOutcomeException unresolved = e.lookupFailed(new IllegalStateException("ListBackups failed"));

        assertSame(proxyPage, e.getCause());
        assertEquals(502, assertInstanceOf(ErrorResponseException.ServerError.class, e.getCause()).httpStatus());
        assertSame(proxyPage, unresolved.getCause());
        assertEquals("ListBackups failed", unresolved.getSuppressed()[0].getMessage());
        assertTrue(unresolved.getMessage().contains("so it may exist"), unresolved.getMessage());
    }

    private static Set<Class<?>> permitted(Class<?> sealed) {
        Class<?>[] permitted = sealed.getPermittedSubclasses();
        assertNotNull(permitted, sealed + " is sealed");
        return Set.of(permitted);
    }

    private static String codeConstantOf(Class<?> type) {
        try {
            return (String) type.getField("CODE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " has no CODE constant", e);
        }
    }

    /** Every class compiled into this package of the main code (read from the class files beside the root's). */
    private static List<Class<?>> classesOfThisPackage() throws IOException, URISyntaxException {
        Path dir = Path.of(DynamoDbCallException.class.getResource("DynamoDbCallException.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
                    .<Class<?>>map(name -> load(DynamoDbCallException.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length())))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
