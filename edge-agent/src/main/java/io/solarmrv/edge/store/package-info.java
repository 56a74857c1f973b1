/**
 * Durable store-and-forward: {@link io.solarmrv.edge.store.ReadingStore} (fsynced append-only
 * segments, bounded, acknowledged position, chain heads) and {@link io.solarmrv.edge.store.Forwarder}
 * (in-order publishing, acknowledgement after the broker's, rate-limited replay, backoff).
 */
package io.solarmrv.edge.store;
