package io.solarmrv.creation.allocation;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an issuance's serial range among the plan's accounts. Each account gets the floor of its
 * share; the credits left over go one each to the largest remainders (ties: the order of the
 * plan), except that for a government-funded project the Japanese government's accounts with a
 * remainder are served first, so its at-least-half rule holds after rounding too. Each account gets a
 * contiguous run of serials, in the plan's order.
 */
public final class CreditAllocation {
    /** What one account received. */
    @Serdeable
    public record Allocated(String account, Party party, long credits, long firstSerial, long lastSerial) {
    }

    private CreditAllocation() {
    }

    public static List<Allocated> split(long firstSerial, long lastSerial, AllocationPlan plan) {
        plan.check();
        long total = lastSerial - firstSerial + 1;
        List<AllocationPlan.Share> shares = plan.shares();
        long[] credits = new long[shares.size()];
        long[] remainders = new long[shares.size()];
        long given = 0;
        for (int i = 0; i < shares.size(); i++) {
            long exact = total * shares.get(i).basisPoints();
            credits[i] = exact / 10_000;
            remainders[i] = exact % 10_000;
            given += credits[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            order.add(i);
        }
        Comparator<Integer> byRemainder = Comparator.comparingLong((Integer i) -> -remainders[i]);
        Comparator<Integer> governmentFirst = Comparator.comparingInt((Integer i) ->
                plan.governmentFunded() && shares.get(i).party() == Party.JAPAN_GOVERNMENT && remainders[i] > 0 ? 0 : 1);
        order.sort(governmentFirst.thenComparing(byRemainder).thenComparingInt(i -> i));
        for (int k = 0; given < total; k++, given++) {
            credits[order.get(k % order.size())]++;
        }
        List<Allocated> allocated = new ArrayList<>();
        long next = firstSerial;
        for (int i = 0; i < shares.size(); i++) {
            allocated.add(new Allocated(shares.get(i).account(), shares.get(i).party(), credits[i], next, next + credits[i] - 1));
            next += credits[i];
        }
        return allocated;
    }
}
