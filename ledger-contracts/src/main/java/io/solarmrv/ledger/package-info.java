/**
 * The chain side. Contracts (compiled from {@code src/main/solidity} during the build, Web3j
 * wrappers generated from their ABIs) and the Java clients that use them:
 * <ul>
 *   <li>{@link io.solarmrv.ledger.AnchorClient}: anchors Merkle log checkpoints ({@link io.solarmrv.ledger.Anchor})
 *       with their consistency proofs, which the {@code AnchorRegistry} verifies on chain;</li>
 *   <li>{@link io.solarmrv.ledger.PeriodClient}: a monitoring period's way through {@code MonitoringRegistry}
 *       and {@code CreditIssuance}: register, submit, decide, request, issue, retire;</li>
 *   <li>{@link io.solarmrv.ledger.LedgerDeployment}: deploys the three contracts and grants roles;</li>
 *   <li>{@link io.solarmrv.ledger.AnvilNode}: a local chain for the demo and the tests.</li>
 * </ul>
 * Every sending call is idempotent by content, retried while the node is unreachable
 * ({@link io.solarmrv.ledger.SendPolicy}), counted in a {@link io.solarmrv.ledger.GasMeter}, and a
 * broken contract rule surfaces as a {@link io.solarmrv.ledger.ContractRevertException} naming it.
 */
package io.solarmrv.ledger;
