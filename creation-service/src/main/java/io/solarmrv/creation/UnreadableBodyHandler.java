package io.solarmrv.creation;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A request body or parameter that cannot be read as what the route takes (a field of the wrong
 * type, a value its record refuses, e.g. an emission factor without its source) is a 400 problem
 * naming the argument and the innermost reason, as every other refusal is.
 */
@Singleton
@Replaces(ConversionErrorHandler.class)
@Produces(Problem.MEDIA_TYPE)
public class UnreadableBodyHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConversionErrorException exception) {
        Throwable reason = exception;
        while (reason.getCause() != null && reason.getCause() != reason) {
            reason = reason.getCause();
        }
        String detail = "'" + exception.getArgument().getName() + "' could not be read: " + reason.getMessage();
        return Problem.response(request, HttpStatus.BAD_REQUEST, detail);
    }
}
