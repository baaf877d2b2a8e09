package io.github.ddbbackup.reactor;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Sends one signed request and reads its whole response. {@link HttpTransport} is the real one; tests script
 * responses and failures without a network.
 */
@FunctionalInterface
interface Exchange {

    /**
     * @param signedHeaders the headers to send as they are
     * @param body          the request body
     * @param attempt       told when the request has been written in full
     */
    Mono<RawResponse> exchange(Map<String, List<String>> signedHeaders, byte[] body, HttpTransport.Attempt attempt);
}
