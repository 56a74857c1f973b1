package io.solarmrv.creation.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses a session (JWT) whose account was disabled, or whose password changed, after it was
 * signed in: the token's {@code cv} claim, the credentials version at sign-in, must be the
 * account's current one ({@link CredentialVersions}). Sessions issued before versions existed
 * carry none and count as version 0.
 */
@Singleton
class CurrentCredentialsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    /** The claim holding the credentials version a session was signed in at. */
    static final String CLAIM = "cv";

    private final CredentialVersions versions;

    CurrentCredentialsValidator(CredentialVersions versions) {
        this.versions = versions;
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object subject = claims.get(Claims.SUBJECT);
        Object version = claims.get(CLAIM);
        int signedInAt = version instanceof Number number ? number.intValue() : 0;
        return subject instanceof String username && versions.isCurrent(username, signedInAt);
    }
}
