/**
 * Credit allocation at issuance: a project's {@link io.solarmrv.creation.allocation.AllocationPlan}
 * (shares agreed by its participants; for government-funded JCM projects at least half of Japan's
 * share to the Japanese government), the split of an issuance's serials ({@link
 * io.solarmrv.creation.allocation.CreditAllocation}) and its Article 6.2 status ({@link
 * io.solarmrv.creation.allocation.Article6}).
 */
package io.solarmrv.creation.allocation;
