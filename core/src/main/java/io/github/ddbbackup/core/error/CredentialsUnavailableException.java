package io.github.ddbbackup.core.error;

/**
 * No credentials could be had to sign the request: the credentials provider (the AWS SDK's default chain, or the one
 * the application gave) failed. Nothing was sent. The message names where credentials were looked for, in one line
 * and without any key; the provider's own failure (the AWS SDK's {@code SdkClientException}, with each provider's
 * reason) is the cause. Not retryable by the client: the providers that can recover (container, instance metadata,
 * SSO) already retry inside the AWS SDK, and a chain that found nothing finds nothing a few milliseconds later.
 */
public final class CredentialsUnavailableException extends ClientSideException {

    private final String source;

    /**
     * @param source where credentials were looked for, in one line, e.g. {@code the AWS default chain (...)}; must
     *               not contain credentials
     * @param cause  the provider's failure
     */
    public CredentialsUnavailableException(String source, Throwable cause) {
        super("no AWS credentials from " + source + "; nothing was sent", false, cause);
        this.source = source;
    }

    /** Where credentials were looked for, in one line. */
    public String source() {
        return source;
    }
}
