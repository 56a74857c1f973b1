package io.solarmrv.creation.access;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.Collection;

/** Accounts for people and API tokens for machines; only the registry administrator changes them. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountController {
    @Serdeable
    public record NewUser(String username, String password, String role) {
    }

    @Serdeable
    public record User(String username, String role) {
    }

    /** {@code validDays}: 1 to 365, default 90. */
    @Serdeable
    public record NewToken(String name, String role, @io.micronaut.core.annotation.Nullable Integer validDays) {
    }

    /** The token itself appears here once and is never shown again. */
    @Serdeable
    public record IssuedToken(String name, String role, String token, java.time.Instant expiresAt) {
    }

    @Serdeable
    public record Me(String name, Collection<String> roles) {
    }

    private final Accounts accounts;

    public AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Post("/users")
    @Secured(Roles.ADMIN)
    public HttpResponse<User> createUser(@Body NewUser user, Authentication actor) throws SQLException {
        boolean created;
        try {
            created = accounts.createUser(user.username(), user.password(), user.role(), actor.getName());
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (!created) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "user " + user.username() + " exists already");
        }
        return HttpResponse.created(new User(user.username(), user.role()));
    }

    @Post("/tokens")
    @Secured(Roles.ADMIN)
    public HttpResponse<IssuedToken> createToken(@Body NewToken request, Authentication actor) throws SQLException {
        Accounts.IssuedToken issued;
        try {
            issued = accounts.createToken(request.name(), request.role(),
                            request.validDays() == null ? Accounts.DEFAULT_TOKEN_DAYS : request.validDays(), actor.getName())
                    .orElseThrow(() -> new HttpStatusException(HttpStatus.CONFLICT, "token " + request.name() + " exists already"));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return HttpResponse.created(new IssuedToken(request.name(), request.role(), issued.token(), issued.expiresAt()));
    }

    @Delete("/tokens/{name}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> revokeToken(@PathVariable String name, Authentication actor) throws SQLException {
        if (!accounts.revokeToken(name, actor.getName())) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no live token " + name);
        }
        return HttpResponse.noContent();
    }

    /** Who the caller is: for pages deciding what to offer. */
    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Me me(Authentication caller) {
        return new Me(caller.getName(), caller.getRoles());
    }
}
