package io.solarmrv.creation.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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

    /** A person changing their own password. */
    @Serdeable
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    /** The registry administrator setting a person's password. */
    @Serdeable
    public record NewPassword(String password) {
    }

    private final Accounts accounts;
    private final LoginThrottle throttle;

    public AccountController(Accounts accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /** Disables a person's account: it can no longer sign in, and its sessions end now. Not one's own. */
    @Post("/users/{username}/disable")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> disable(@PathVariable String username, Authentication actor) throws SQLException {
        if (username.equals(actor.getName())) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "an administrator cannot disable their own account;"
                    + " another administrator can");
        }
        return credentialsChanged(accounts.setDisabled(username, true, actor.getName()), username);
    }

    /** Enables a disabled account again; sessions from before it was disabled stay ended. */
    @Post("/users/{username}/enable")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> enable(@PathVariable String username, Authentication actor) throws SQLException {
        return credentialsChanged(accounts.setDisabled(username, false, actor.getName()), username);
    }

    /** Sets a person's password (a reset); their sessions end. */
    @Put("/users/{username}/password")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> resetPassword(@PathVariable String username, @Body NewPassword body, Authentication actor)
            throws SQLException {
        return credentialsChanged(badRequestIfInvalid(() -> accounts.setPassword(username, body.password(), actor.getName())),
                username);
    }

    /**
     * A person changes their own password, giving the current one; every session of the account ends,
     * this one included, so they sign in again. The current password is checked as {@code POST /login}
     * checks it, throttled alike, so a stolen session cannot guess it faster than sign-in can.
     */
    @Post("/me/password")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> changeOwnPassword(@Body PasswordChange change, Authentication caller, HttpRequest<?> request)
            throws SQLException {
        String username = caller.getName();
        if (username.startsWith("token:")) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "an API token has no password; the administrator revokes it"
                    + " (DELETE /tokens/{name}) and issues another");
        }
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        java.util.Optional<LoginThrottle.Refusal> refusal = throttle.admit(address, username);
        if (refusal.isPresent()) {
            throw new HttpStatusException(HttpStatus.TOO_MANY_REQUESTS, refusal.get().reason());
        }
        boolean matches;
        try {
            matches = accounts.signIn(username, change.currentPassword() == null ? "" : change.currentPassword()).isPresent();
        } catch (SQLException e) {
            throttle.abandoned();
            throw e;
        }
        if (!matches) {
            throttle.failed(address, username);
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "'currentPassword' is not the account's password");
        }
        throttle.succeeded(address, username);
        return credentialsChanged(badRequestIfInvalid(() -> accounts.setPassword(username, change.newPassword(), username)),
                username);
    }

    private interface AccountChange {
        boolean apply() throws SQLException;
    }

    private static boolean badRequestIfInvalid(AccountChange change) throws SQLException {
        try {
            return change.apply();
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static HttpResponse<Void> credentialsChanged(boolean found, String username) {
        if (!found) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no user " + username);
        }
        return HttpResponse.noContent();
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
