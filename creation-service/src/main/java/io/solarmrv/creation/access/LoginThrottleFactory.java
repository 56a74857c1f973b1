package io.solarmrv.creation.access;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The sign-in throttle from {@code mrv.login.*} (application.yml documents each). */
@Factory
class LoginThrottleFactory {
    @Singleton
    LoginThrottle loginThrottle(@Value("${mrv.login.free-failures:5}") int freeFailures,
                                @Value("${mrv.login.base-delay:1s}") Duration baseDelay,
                                @Value("${mrv.login.max-delay:15m}") Duration maxDelay,
                                @Value("${mrv.login.concurrent:0}") int concurrent) {
        int hashing = concurrent > 0 ? concurrent : Runtime.getRuntime().availableProcessors();
        return new LoginThrottle(Clock.systemUTC(), freeFailures, baseDelay, maxDelay, hashing, 100_000);
    }
}
