package io.solarmrv.attestation;

import io.solarmrv.attestation.BundleVerifier.Check;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a bundle of bounds and samples ({@link ProofBundle.Selection.BoundsAndSamples}) holds what
 * it must: the device-days drawn from its seed, each whole, and per device the readings beside each
 * bound its figures rest on. The figures themselves are recomputed by {@link BundleVerifier} from
 * the same readings; a missing one changes them, and these checks say which one is missing.
 */
final class EvidenceCoverage {
    private EvidenceCoverage() {
    }

    static List<Check> checks(ProofBundle bundle, ProofBundle.Selection.BoundsAndSamples selection,
                              Map<String, List<SignedReading>> chains) {
        List<Check> checks = new ArrayList<>();
        Map<String, TreeMap<Long, Reading>> bySequence = new TreeMap<>();
        chains.forEach((device, readings) -> {
            TreeMap<Long, Reading> sequences = new TreeMap<>();
            readings.forEach(signed -> sequences.put(signed.reading().sequence(), signed.reading()));
            bySequence.put(device, sequences);
        });
        ZoneId zone = BundleVerifier.zoneOf(bundle);
        checks.add(drawCheck(bundle, selection, zone));
        for (EvidenceSample.DeviceDay sample : selection.samples()) {
            EvidenceSample.Window window = sample.window(zone, bundle.from(), bundle.to());
            TreeMap<Long, Reading> readings = bySequence.getOrDefault(sample.deviceId(), new TreeMap<>());
            checks.add(sampleCheck(sample, window, readings));
            io.solarmrv.attestation.methodology.VoidingRules rules = selection.voidingRules().get(sample.deviceId());
            if (rules != null) {
                checks.add(voidingCheck(sample, window, readings, rules,
                        bundle.voidedSequences().getOrDefault(sample.deviceId(), List.of())));
            }
        }
        for (String device : bundle.claim().meters()) {
            checks.add(boundsCheck(bundle, device, bySequence.getOrDefault(device, new TreeMap<>())));
        }
        return checks;
    }

    private static Check drawCheck(ProofBundle bundle, ProofBundle.Selection.BoundsAndSamples selection, ZoneId zone) {
        if (bundle.checkpoints().isEmpty()) {
            return new Check("sample draw", false, "the bundle has no checkpoint to draw its sample from");
        }
        byte[] root = bundle.checkpoints().get(bundle.checkpoints().size() - 1).root();
        byte[] seed = EvidenceSample.seed(bundle.claimDigest(), root);
        List<EvidenceSample.DeviceDay> expected = EvidenceSample.draw(seed, bundle.claim().meters(), bundle.from(), bundle.to(), zone,
                selection.samplesRequested());
        return new Check("sample draw", expected.equals(selection.samples()), expected.size() + " device-days ("
                + selection.samplesRequested() + " requested) drawn with seed " + java.util.HexFormat.of().formatHex(seed)
                + " (the claim and the latest checkpoint's root, " + zone + " days): " + (expected.equals(selection.samples())
                ? "the bundle lists the same" : "the bundle lists " + selection.samples() + " instead of " + expected));
    }

    /**
     * A sampled device-day is whole: its readings are consecutive in sequence, and the readings just
     * before and just after the window are there too (so none is missing at either end); or, for a
     * day without readings, two consecutive readings on either side of it.
     */
    static Check sampleCheck(EvidenceSample.DeviceDay sample, EvidenceSample.Window window, TreeMap<Long, Reading> readings) {
        String name = "sample " + sample;
        List<Reading> inside = readings.values().stream().filter(r -> window.contains(r.timestampMillis())).toList();
        Reading before = null;
        Reading after = null;
        for (Reading r : readings.values()) {
            if (r.timestampMillis() < window.start().toEpochMilli()) {
                before = r;
            } else if (r.timestampMillis() >= window.end().toEpochMilli() && after == null) {
                after = r;
            }
        }
        long first = inside.isEmpty() ? (before == null ? -1 : before.sequence() + 1) : inside.get(0).sequence();
        for (int i = 0; i < inside.size(); i++) {
            if (inside.get(i).sequence() != first + i) {
                return new Check(name, false, "reading #" + (first + i) + " of the day is not in the bundle");
            }
        }
        long last = first + inside.size() - 1;
        if (first > 0 && (before == null || before.sequence() != first - 1)) {
            return new Check(name, false, "the reading before #" + first + " (#" + (first - 1) + ", before "
                    + window.start() + ") is not in the bundle, so the day may begin earlier");
        }
        String end = after != null && after.sequence() == last + 1 ? ", and #" + after.sequence() + " after it"
                : after == null ? "; no later reading is in the bundle" : null;
        if (end == null) {
            return new Check(name, false, "the reading after #" + last + " (#" + (last + 1) + ") is not in the bundle");
        }
        return new Check(name, true, inside.size() + " consecutive readings in [" + window.start() + ", " + window.end()
                + ")" + (first > 0 ? ", #" + (first - 1) + " before them" : ", from the device's first") + end);
    }

    /**
     * The voiding rules re-run on a sampled day ({@link io.solarmrv.attestation.methodology.VoidingRules}):
     * every reading of the day they flag is voided in the claim, so the claim counts no energy the
     * rules exclude. (The claim may void more: other rules, a revoked key.)
     */
    static Check voidingCheck(EvidenceSample.DeviceDay sample, EvidenceSample.Window window, TreeMap<Long, Reading> readings,
                              io.solarmrv.attestation.methodology.VoidingRules rules, List<Long> voided) {
        List<Reading> day = readings.values().stream().filter(r -> window.contains(r.timestampMillis())).toList();
        java.util.SortedSet<Long> flagged = rules.flagged(day);
        java.util.SortedSet<Long> notVoided = new java.util.TreeSet<>(flagged);
        notVoided.removeAll(voided);
        String name = "voiding rules " + sample;
        if (!notVoided.isEmpty()) {
            return new Check(name, false, notVoided.size() + " of the day's readings flagged stale or out_of_range (nameplate "
                    + rules.nameplateW() + " W) are not voided in the claim: #" + notVoided.stream().limit(10).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", #")) + (notVoided.size() > 10 ? ", ..." : ""));
        }
        return new Check(name, true, "stale and out_of_range re-run on the day's " + day.size() + " readings (nameplate "
                + rules.nameplateW() + " W): " + (flagged.isEmpty() ? "none flagged" : flagged.size() + " flagged, each voided"));
    }

    /**
     * The readings a device's figures rest on are each beside their neighbour in the chain: the first
     * in the period beside the one before it, every voided reading beside both of its neighbours,
     * each meter replacement's two sides.
     */
    static Check boundsCheck(ProofBundle bundle, String device, TreeMap<Long, Reading> readings) {
        String name = "bounds " + device;
        List<Reading> inPeriod = readings.values().stream().filter(r -> !Instant.ofEpochMilli(r.timestampMillis()).isBefore(bundle.from())
                && !Instant.ofEpochMilli(r.timestampMillis()).isAfter(bundle.to())).toList();
        if (inPeriod.isEmpty()) {
            return new Check(name, false, "no reading of " + device + " in the period is in the bundle");
        }
        List<String> missing = new ArrayList<>();
        long first = inPeriod.get(0).sequence();
        long last = inPeriod.get(inPeriod.size() - 1).sequence();
        if (first > 0 && !readings.containsKey(first - 1)) {
            missing.add("#" + (first - 1) + " before the period's first #" + first);
        }
        for (long voided : bundle.voidedSequences().getOrDefault(device, List.of())) {
            for (long neighbour = voided - 1; neighbour <= voided + 1; neighbour++) {
                if (neighbour >= 0 && !readings.containsKey(neighbour) && (neighbour <= voided || voided < last)) {
                    missing.add("#" + neighbour + (neighbour == voided ? " (voided)" : " beside voided #" + voided));
                }
            }
        }
        for (long replaced : bundle.meterReplacements().getOrDefault(device, List.of())) {
            for (long side = replaced; side <= replaced + 1; side++) {
                if (!readings.containsKey(side)) {
                    missing.add("#" + side + " at the meter replacement after #" + replaced);
                }
            }
        }
        if (!missing.isEmpty()) {
            return new Check(name, false, "missing " + String.join(", ", missing));
        }
        Reading next = readings.get(last + 1);
        return new Check(name, true, "#" + first + " to #" + last + " in the period, each bound beside its neighbour"
                + (next == null ? "; no reading after #" + last + " is in the bundle"
                        : ", #" + next.sequence() + " after the period"));
    }
}
