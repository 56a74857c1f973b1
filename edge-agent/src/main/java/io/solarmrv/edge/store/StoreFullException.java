package io.solarmrv.edge.store;

import java.io.IOException;

/** The store holds as many unacknowledged bytes as it may: new readings are refused, old ones kept. */
public class StoreFullException extends IOException {
    public StoreFullException(String message) {
        super(message);
    }
}
