package io.solarmrv.creation.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * How often {@code POST /login} may try a password. Each try costs a PBKDF2 computation of 600,000
 * rounds (about a quarter of a second of one core), so unthrottled sign-ins let anyone saturate the
 * service's CPU and guess passwords as fast as it can hash them. Three limits, all checked before
 * any hashing:
 *
 * <ul>
 *   <li>per account and per client address: after {@code freeFailures} consecutive failures, each
 *       further try must wait {@code baseDelay x 2^(failures - freeFailures)} after the last failure,
 *       at most {@code maxDelay}; a success clears the account's and the address's count. A try made
 *       too early is refused without being checked, whatever the password, so a guesser learns nothing;</li>
 *   <li>at most {@code concurrent} passwords are hashed at once; more are refused at once (busy), so
 *       many addresses together cannot queue unbounded work.</li>
 * </ul>
 * An account's lock is a delay, never permanent: someone failing on purpose can slow a victim's
 * sign-in to one try per {@code maxDelay}, not stop it. Memory is bounded: at most {@code maxTracked}
 * accounts and as many addresses are remembered, the least recently failed forgotten first. Safe for
 * concurrent use.
 */
public final class LoginThrottle {
    /** A try refused before its password was checked, and when to try again. */
    public record Refusal(String reason, Duration retryAfter) {
    }

    private final Clock clock;
    private final int freeFailures;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Semaphore hashing;
    private final Map<String, Failures> byAccount;
    private final Map<String, Failures> byAddress;

    private record Failures(int count, Instant last) {
    }

    public LoginThrottle(Clock clock, int freeFailures, Duration baseDelay, Duration maxDelay, int concurrent, int maxTracked) {
        if (freeFailures < 1 || baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0
                || concurrent < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("login throttle: free failures and concurrency must be at least 1, and"
                    + " 0 < base delay <= max delay; got " + freeFailures + ", " + concurrent + ", " + baseDelay + ", " + maxDelay);
        }
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.hashing = new Semaphore(concurrent);
        this.byAccount = bounded(maxTracked);
        this.byAddress = bounded(maxTracked);
    }

    private static Map<String, Failures> bounded(int maxTracked) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /**
     * Admits a try, or says why not. An admitted try holds one of the hashing places until
     * {@link #failed} or {@link #succeeded} is called for it.
     */
    public synchronized Optional<Refusal> admit(String address, String account) {
        Instant now = clock.instant();
        Duration wait = max(waitFor(byAccount.get(account), now), waitFor(byAddress.get(address), now));
        if (!wait.isZero()) {
            return Optional.of(new Refusal("too many failed sign-ins for this account or from this address; try again in "
                    + seconds(wait) + " s", wait));
        }
        if (!hashing.tryAcquire()) {
            return Optional.of(new Refusal("the service is busy checking other sign-ins; try again in 1 s", Duration.ofSeconds(1)));
        }
        return Optional.empty();
    }

    /** The admitted try's password did not match. */
    public synchronized void failed(String address, String account) {
        Instant now = clock.instant();
        byAccount.merge(account, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        byAddress.merge(address, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        hashing.release();
    }

    /** The admitted try could not be checked (the account store failed): it counts for nothing. */
    public synchronized void abandoned() {
        hashing.release();
    }

    /** The admitted try signed in. */
    public synchronized void succeeded(String address, String account) {
        byAccount.remove(account);
        byAddress.remove(address);
        hashing.release();
    }

    private Duration waitFor(Failures failures, Instant now) {
        if (failures == null || failures.count() < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures.count() - freeFailures, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        Instant allowed = failures.last().plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        return now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long seconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
