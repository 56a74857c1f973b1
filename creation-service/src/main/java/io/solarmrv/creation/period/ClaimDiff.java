package io.solarmrv.creation.period;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lines of a claim text that changed between two versions. Claim lines are keyed (one per
 * device or figure, MonitoringClaim), so a set difference reads as a diff: each line only in the
 * old text with {@code "- "}, each only in the new with {@code "+ "}.
 */
final class ClaimDiff {
    private ClaimDiff() {
    }

    static List<String> between(String oldText, String newText) {
        Set<String> before = new LinkedHashSet<>(oldText.lines().toList());
        Set<String> after = new LinkedHashSet<>(newText.lines().toList());
        List<String> changes = new ArrayList<>();
        before.stream().filter(line -> !after.contains(line)).forEach(line -> changes.add("- " + line));
        after.stream().filter(line -> !before.contains(line)).forEach(line -> changes.add("+ " + line));
        return changes;
    }
}
