package io.solarmrv.attestation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The device-days a proof bundle holds whole ({@link ProofBundle.Selection.BoundsAndSamples}),
 * drawn so that neither the service nor the verifier chooses them and anyone redraws the same.
 *
 * <p>The seed is SHA-256("solar-mrv-bundle-sample/1" || SHA-256 of the claim text || root of the
 * bundle's latest checkpoint): the claim is fixed on chain before the bundle is made and the root
 * by every reading logged, so changing the draw means changing the evidence. The population is
 * every (device, day) of the period, devices in ascending order of id, then days in the host
 * country's calendar in order, numbered from 0; {@link ReadingSample#draw} draws from those
 * numbers. The sample is listed by device, then day.
 */
public final class EvidenceSample {
    private static final byte[] DOMAIN = "solar-mrv-bundle-sample/1".getBytes(StandardCharsets.US_ASCII);

    private EvidenceSample() {
    }

    /** One device's readings over one calendar day of the host country. */
    public record DeviceDay(String deviceId, LocalDate day) {
        /** [start, end) of this day in {@code zone}, clipped to the period [from, to). */
        public Window window(ZoneId zone, Instant from, Instant to) {
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            return new Window(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end);
        }

        @Override
        public String toString() {
            return deviceId + " on " + day;
        }
    }

    /** An interval of event time, [start, end). */
    public record Window(Instant start, Instant end) {
        public boolean contains(long timestampMillis) {
            return timestampMillis >= start.toEpochMilli() && timestampMillis < end.toEpochMilli();
        }
    }

    /** The seed of a bundle's draw, from the claim it proves and its latest checkpoint's root. */
    public static byte[] seed(byte[] claimDigest, byte[] latestRoot) {
        return Sha256.hashOf(DOMAIN, claimDigest, latestRoot);
    }

    /**
     * Draws min(size, devices x days) device-days of the period [from, to) from {@code devices}.
     *
     * @param zone the host country's calendar ({@code Methodology.zone()}), in which days begin
     */
    public static List<DeviceDay> draw(byte[] seed, java.util.Collection<String> devices, Instant from, Instant to, ZoneId zone,
                                       int size) {
        List<String> ids = devices.stream().sorted().distinct().toList();
        // The days [from, to) touches, counted, not listed: a bundle may state any period.
        LocalDate firstDay = from.atZone(zone).toLocalDate();
        long days = to.isAfter(from) ? java.time.temporal.ChronoUnit.DAYS.between(firstDay, to.minusNanos(1).atZone(zone).toLocalDate()) + 1 : 0;
        List<DeviceDay> sample = new ArrayList<>();
        for (long drawn : ReadingSample.drawPositions(seed, ids.size() * days, size)) {
            sample.add(new DeviceDay(ids.get((int) (drawn / days)), firstDay.plusDays(drawn % days)));
        }
        sample.sort(Comparator.comparing(DeviceDay::deviceId).thenComparing(DeviceDay::day));
        return sample;
    }
}
