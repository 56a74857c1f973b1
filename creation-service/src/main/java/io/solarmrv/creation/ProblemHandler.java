package io.solarmrv.creation;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.HttpStatusHandler;
import jakarta.inject.Singleton;

/** Every refused request is answered with an RFC 9457 problem details body naming what was wrong. */
@Singleton
@Replaces(HttpStatusHandler.class)
@Produces(Problem.MEDIA_TYPE)
public class ProblemHandler implements ExceptionHandler<HttpStatusException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, HttpStatusException exception) {
        return Problem.response(request, exception.getStatus(), exception.getMessage());
    }
}
