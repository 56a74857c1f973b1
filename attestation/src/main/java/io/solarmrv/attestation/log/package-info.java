/**
 * The on-disk, append-only Merkle log as a C2SP tlog-tiles directory ({@link
 * io.solarmrv.attestation.log.TiledLog}, paths by {@link io.solarmrv.attestation.log.TilePath}):
 * hash tiles and entry bundles written once, commits recorded after fsync, recovery to the last
 * commit on open; and the durable counter both it and the edge store use ({@link
 * io.solarmrv.attestation.internal.CommitRecord}).
 */
package io.solarmrv.attestation.log;
