package io.solarmrv.creation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem details object: {@code type} (a URI naming the kind of problem; here
 * {@code about:blank}, so {@code title} is the HTTP status phrase), {@code status}, {@code detail}
 * (what exactly was wrong, for a person) and {@code instance} (the request path).
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The response refusing {@code request} with {@code status}, saying {@code detail}. */
    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, String detail) {
        return HttpResponse.<Problem>status(status).contentType(MEDIA_TYPE)
                .body(new Problem("about:blank", status.getReason(), status.getCode(), detail, request.getPath()));
    }
}
