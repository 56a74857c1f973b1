/**
 * The chain side: {@link io.solarmrv.ledger.AnchorClient} anchors Merkle log checkpoints in the
 * {@code AnchorRegistry} contract (compiled from {@code src/main/solidity} during the build, Web3j
 * wrapper generated from its ABI), and {@link io.solarmrv.ledger.AnvilNode} runs a local chain.
 */
package io.solarmrv.ledger;
