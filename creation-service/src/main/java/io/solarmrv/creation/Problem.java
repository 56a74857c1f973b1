package io.solarmrv.creation;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem details object: {@code type} (a URI naming the kind of problem; here
 * {@code about:blank}, so {@code title} is the HTTP status phrase), {@code status}, {@code detail}
 * (what exactly was wrong, for a person) and {@code instance} (the request path).
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
