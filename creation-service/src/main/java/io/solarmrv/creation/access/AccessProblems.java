package io.solarmrv.creation.access;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationException;
import io.micronaut.security.authentication.AuthenticationExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.solarmrv.creation.Problem;
import jakarta.inject.Singleton;

/** Refusals by the security layer as RFC 9457 problem details, like every other refusal. */
final class AccessProblems {
    private AccessProblems() {
    }

    static MutableHttpResponse<Problem> problem(HttpRequest<?> request, HttpStatus status, String detail) {
        return Problem.response(request, status, detail);
    }

    /** 401 without (or with an unknown) credential, 403 when the role may not do this or not on this project or site. */
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    @Produces(Problem.MEDIA_TYPE)
    static class Refused implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
        @Override
        public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
            Authentication who = exception.getAuthentication();
            if (exception.isForbidden() && who != null) {
                java.util.Optional<String> outside = request.getAttribute(MembershipRule.REFUSAL, String.class);
                if (outside.isPresent()) {
                    return problem(request, HttpStatus.FORBIDDEN, outside.get());
                }
                return problem(request, HttpStatus.FORBIDDEN, "'" + who.getName() + "' (role " + String.join(",", who.getRoles())
                        + ") may not " + request.getMethodName() + " " + request.getPath());
            }
            return problem(request, HttpStatus.UNAUTHORIZED, "sign in first: send 'Authorization: Bearer <token>' with a JWT"
                    + " from POST /login or an API token; the one sent, if any, is unknown, revoked or expired")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
    }

    /** A failed {@code POST /login}: 401, or 429 with Retry-After when the throttle refused the try unchecked. */
    @Singleton
    @Replaces(AuthenticationExceptionHandler.class)
    @Produces(Problem.MEDIA_TYPE)
    static class SignInFailed implements ExceptionHandler<AuthenticationException, MutableHttpResponse<?>> {
        @Override
        public MutableHttpResponse<?> handle(HttpRequest request, AuthenticationException exception) {
            if (exception.getResponse() instanceof PasswordAuthenticationProvider.Throttled throttled) {
                return problem(request, HttpStatus.TOO_MANY_REQUESTS, throttled.refusal.reason())
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (throttled.refusal.retryAfter().toMillis() + 999) / 1000)));
            }
            return problem(request, HttpStatus.UNAUTHORIZED, "username or password does not match");
        }
    }
}
