package io.solarmrv.creation.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Checks a person's username and password for {@code POST /login}, on the blocking executor, once
 * {@link LoginThrottle} admits the try (a refused try is answered 429 with Retry-After, unchecked).
 */
@Singleton
class PasswordAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final Accounts accounts;
    private final LoginThrottle throttle;

    PasswordAuthenticationProvider(Accounts accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /** A try the throttle refused before its password was checked. */
    static final class Throttled extends AuthenticationFailed {
        final LoginThrottle.Refusal refusal;

        Throttled(LoginThrottle.Refusal refusal) {
            super(refusal.reason());
            this.refusal = refusal;
        }
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String address = request == null ? "unknown" : request.getRemoteAddress().getAddress().getHostAddress();
        String account = String.valueOf(credentials.getIdentity());
        Optional<LoginThrottle.Refusal> refusal = throttle.admit(address, account);
        if (refusal.isPresent()) {
            return new Throttled(refusal.get());
        }
        Optional<Accounts.Person> person;
        try {
            person = accounts.signIn(credentials.getIdentity(), credentials.getSecret());
        } catch (SQLException e) {
            throttle.abandoned();
            return AuthenticationResponse.failure("account store unavailable: " + e.getMessage());
        }
        if (person.isEmpty()) {
            throttle.failed(address, account);
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        throttle.succeeded(address, account);
        // The session carries the credentials version, so disabling the account or changing its password ends it.
        return AuthenticationResponse.success(person.get().username(), List.of(person.get().role()),
                java.util.Map.of(CurrentCredentialsValidator.CLAIM, person.get().credentialsVersion()));
    }
}
