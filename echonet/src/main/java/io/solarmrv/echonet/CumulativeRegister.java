package io.solarmrv.echonet;

/**
 * A cumulative energy register that rolls over: the device shows its count modulo {@code modulus}
 * (10^effective digits for a smart meter), and the reader keeps the count that never rolls back.
 *
 * <p>The rule, conservative both ways: a shown value below the last one is a rollover only if the
 * last was in the register's top tenth and the new one in its bottom tenth (a register passing its
 * maximum between two reads); any other decrease is refused, never read as a rollover, since a
 * replaced or reset meter read as one would credit up to a whole register's range.
 */
public final class CumulativeRegister {
    private CumulativeRegister() {
    }

    /** The outcome: the extended count, or why the shown value cannot follow the last one. */
    public sealed interface Next {
        record Count(long extended, boolean rolledOver) implements Next {
        }

        record Refused(String reason) implements Next {
        }
    }

    /**
     * The extended count after {@code previousExtended} when the register now shows {@code shown}
     * (0 to modulus - 1).
     */
    public static Next next(long previousExtended, long shown, long modulus) {
        if (modulus < 10 || shown < 0 || shown >= modulus) {
            return new Next.Refused("the register shows " + shown + ", outside 0 to " + (modulus - 1));
        }
        long previousShown = Math.floorMod(previousExtended, modulus);
        long base = previousExtended - previousShown;
        if (shown >= previousShown) {
            return new Next.Count(base + shown, false);
        }
        long tenth = modulus / 10;
        if (previousShown >= modulus - tenth && shown < tenth) {
            return new Next.Count(base + modulus + shown, true);
        }
        return new Next.Refused("the register went from " + previousShown + " down to " + shown + " without passing its maximum "
                + (modulus - 1) + " (a reset or replaced meter, not a rollover)");
    }
}
