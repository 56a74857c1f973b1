package io.solarmrv.creation.access;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.AuthenticationException;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.token.bearer.AccessRefreshTokenLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import jakarta.inject.Singleton;

/**
 * Micronaut's bearer login handler, except that a failed sign-in keeps its whole
 * {@link AuthenticationResponse} (the stock handler keeps only the message), so that
 * {@link AccessProblems.SignInFailed} can answer a throttled try with 429 and Retry-After.
 */
@Singleton
@Replaces(AccessRefreshTokenLoginHandler.class)
class SignInFailureHandler extends AccessRefreshTokenLoginHandler {
    SignInFailureHandler(AccessRefreshTokenGenerator generator) {
        super(generator);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
        throw new AuthenticationException(failure);
    }
}
