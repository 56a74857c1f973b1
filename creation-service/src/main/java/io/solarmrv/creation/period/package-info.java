/**
 * Monitoring periods from closing to issuance ({@link io.solarmrv.creation.period.PeriodWorkflow},
 * states in {@link io.solarmrv.creation.period.PeriodState}): every report version kept with its
 * canonical claim, the verifier's signed decision relayed to the chain, issuance requested by the
 * project participant and issued by the registry administrator, all through {@link
 * io.solarmrv.creation.period.PeriodLedger}.
 */
package io.solarmrv.creation.period;
