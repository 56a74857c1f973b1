package io.solarmrv.creation.period;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.solarmrv.creation.Problem;
import jakarta.inject.Singleton;

/** A period changed under a request ({@link Periods.PeriodChanged}): 409, saying nothing was recorded. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public class PeriodChangedHandler implements ExceptionHandler<Periods.PeriodChanged, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Periods.PeriodChanged exception) {
        return Problem.response(request, HttpStatus.CONFLICT, exception.getMessage());
    }
}
