package io.solarmrv.creation.access;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Accepts {@code Authorization: Bearer mrv_...} API tokens of machines. Anything else is left to
 * the JWT validator. The lookup runs on the blocking executor, never on the event loop.
 */
@Singleton
class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final Accounts accounts;
    private final ExecutorService blocking;

    ApiTokenValidator(Accounts accounts, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.accounts = accounts;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!token.startsWith(Accounts.TOKEN_PREFIX)) {
            return Publishers.empty();
        }
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(() -> {
            try {
                return accounts.tokenHolder(token)
                        .map(holder -> Authentication.build(holder.name(), List.of(holder.role())))
                        .orElse(null);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, blocking));
    }
}
