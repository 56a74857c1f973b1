/**
 * Monitoring periods from closing to issuance ({@link io.solarmrv.creation.period.PeriodWorkflow},
 * states in {@link io.solarmrv.creation.period.PeriodState}, who may do what when in
 * {@link io.solarmrv.creation.period.PeriodAction}): every report version kept with its canonical
 * claim; the verification checklist ({@link io.solarmrv.creation.period.ChecklistService}, its items
 * in {@link io.solarmrv.creation.period.CheckItem}); the verifier's findings and their threads
 * ({@link io.solarmrv.creation.period.Finding}); the verifier's signed decision, citing them, relayed
 * to the chain; issuance requested by the project participant and issued by the registry
 * administrator, all through {@link io.solarmrv.creation.period.PeriodLedger}.
 */
package io.solarmrv.creation.period;
