package io.solarmrv.ledger;

import java.util.Map;
import java.util.TreeMap;

/** Gas used per kind of call (e.g. {@code AnchorRegistry.anchor}), summed over the mined transactions. */
public final class GasMeter {
    /** Calls of one kind: how many were mined and the gas they used together. */
    public record Usage(long calls, long gas) {
        public long average() {
            return calls == 0 ? 0 : gas / calls;
        }
    }

    private final Map<String, Usage> usage = new TreeMap<>();

    synchronized void record(String call, long gas) {
        usage.merge(call, new Usage(1, gas), (a, b) -> new Usage(a.calls + b.calls, a.gas + b.gas));
    }

    public synchronized Map<String, Usage> snapshot() {
        return Map.copyOf(usage);
    }

    public synchronized Usage of(String call) {
        return usage.getOrDefault(call, new Usage(0, 0));
    }
}
