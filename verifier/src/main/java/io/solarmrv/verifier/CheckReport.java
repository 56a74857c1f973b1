package io.solarmrv.verifier;

import io.solarmrv.attestation.BundleVerifier.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines {@code mrv verify} prints for its checks. A check made once per meter or per sampled
 * day ({@code chain <meter>}, {@code energy <meter>}, {@code sample <meter> on <day>} ...) is one
 * line per kind once there are more than {@value #EACH_UP_TO} of a kind, naming the count, the first
 * one's detail as an example and, in full, every one that failed: a 1,000-meter period reads as a
 * page, not 4,000 lines. {@code --json} keeps every check.
 */
final class CheckReport {
    /** Up to this many checks of a kind are printed one by one. */
    static final int EACH_UP_TO = 5;

    private CheckReport() {
    }

    static List<String> lines(List<Check> checks) {
        Map<String, List<Check>> byKind = new LinkedHashMap<>();
        for (Check check : checks) {
            byKind.computeIfAbsent(kind(check.name()), k -> new ArrayList<>()).add(check);
        }
        List<String> lines = new ArrayList<>();
        java.util.Set<String> summarised = new java.util.HashSet<>();
        for (Check check : checks) {
            List<Check> all = byKind.get(kind(check.name()));
            if (all.size() <= EACH_UP_TO) {
                lines.add(line(check));
            } else if (summarised.add(kind(check.name()))) {
                // A kind of many checks is one line where its first one stood.
                List<Check> failed = all.stream().filter(c -> !c.passed()).toList();
                lines.add((failed.isEmpty() ? "ok    " : "FAIL  ") + kind(check.name()) + " (" + all.size() + "): "
                        + (all.size() - failed.size()) + " hold" + (failed.isEmpty() ? "; e.g. " + all.get(0).name() + ": "
                        + all.get(0).detail() : ", " + failed.size() + " fail:"));
                failed.forEach(c -> lines.add("      " + line(c)));
            }
        }
        return lines;
    }

    private static String line(Check check) {
        return (check.passed() ? "ok    " : "FAIL  ") + check.name() + ": " + check.detail();
    }

    /** A check's kind: its name's first word where the rest names a meter or a day, else the whole name. */
    private static String kind(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}
