package io.solarmrv.creation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure no other handler answers (a database error, a bug) is a 500 problem that names an
 * incident id and nothing else: the SQL, the stack and the exception's message go to the service's
 * log under that id, never to the client, which could learn table names, queries or data from them.
 * Handlers for narrower exceptions (refusals, unreadable bodies) still answer those.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public class InternalErrorHandler implements ExceptionHandler<Exception, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(InternalErrorHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Exception exception) {
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: {} {} failed", incident, request.getMethodName(), request.getPath(), exception);
        return Problem.response(request, HttpStatus.INTERNAL_SERVER_ERROR, "the service failed on this request; its log holds the"
                + " reason under incident " + incident);
    }
}
