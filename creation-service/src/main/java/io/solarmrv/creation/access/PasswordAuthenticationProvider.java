package io.solarmrv.creation.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;

/** Checks a person's username and password for {@code POST /login}, on the blocking executor. */
@Singleton
class PasswordAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final Accounts accounts;

    PasswordAuthenticationProvider(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        try {
            return accounts.signIn(credentials.getIdentity(), credentials.getSecret())
                    .map(holder -> AuthenticationResponse.success(holder.name(), List.of(holder.role())))
                    .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
        } catch (SQLException e) {
            return AuthenticationResponse.failure("account store unavailable: " + e.getMessage());
        }
    }
}
