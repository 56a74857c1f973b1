package io.solarmrv.edge;

import io.solarmrv.attestation.ClockSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks chrony ({@code chronyc -c tracking}) for the system clock's offset from its NTP sources, at
 * most once a minute. Unknown (chronyc missing or failing) is reported as such, never as "in sync".
 */
public final class ChronyClockMonitor implements ClockMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ChronyClockMonitor.class);
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final Clock clock;
    private Instant askedAt = Instant.MIN;
    private ClockStatus last = new ClockStatus(ClockSync.UNSYNCHRONIZED, Duration.ZERO, false);

    public ChronyClockMonitor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ClockStatus status() {
        Instant now = clock.instant();
        if (Duration.between(askedAt, now).compareTo(REFRESH) >= 0) {
            askedAt = now;
            last = ask();
        }
        return last;
    }

    private ClockStatus ask() {
        try {
            Process chronyc = new ProcessBuilder("chronyc", "-c", "tracking").redirectErrorStream(true).start();
            String output = new String(chronyc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!chronyc.waitFor(2, TimeUnit.SECONDS) || chronyc.exitValue() != 0) {
                LOG.warn("chronyc tracking failed: {}", output.strip());
                return new ClockStatus(ClockSync.UNSYNCHRONIZED, Duration.ZERO, false);
            }
            return parseTracking(output);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("cannot ask chrony for the clock offset: {}", e.toString());
            return new ClockStatus(ClockSync.UNSYNCHRONIZED, Duration.ZERO, false);
        }
    }

    /**
     * Parses {@code chronyc -c tracking}: comma-separated, field 5 the system time offset in seconds,
     * the last field the leap status ("Not synchronised" when chrony has no source).
     */
    static ClockStatus parseTracking(String csv) {
        String[] fields = csv.strip().split(",");
        if (fields.length < 6) {
            return new ClockStatus(ClockSync.UNSYNCHRONIZED, Duration.ZERO, false);
        }
        try {
            double offsetSeconds = Double.parseDouble(fields[4]);
            boolean synchronised = !fields[fields.length - 1].strip().equalsIgnoreCase("Not synchronised");
            return new ClockStatus(synchronised ? ClockSync.NTP : ClockSync.UNSYNCHRONIZED,
                    Duration.ofNanos((long) (offsetSeconds * 1e9)), true);
        } catch (NumberFormatException e) {
            return new ClockStatus(ClockSync.UNSYNCHRONIZED, Duration.ZERO, false);
        }
    }
}
