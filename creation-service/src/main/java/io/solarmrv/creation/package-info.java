/**
 * The creation service: projects ({@link io.solarmrv.creation.ProjectController}) and their
 * monitoring reports ({@link io.solarmrv.creation.ReportService}), computed from the stream job's
 * results with {@link io.solarmrv.attestation.JcmSolarPv}, and the hash-chained {@link
 * io.solarmrv.creation.AuditLog}. Sub-packages, one job each: {@code access} (accounts, tokens,
 * roles), {@code registry} (sites, devices, keys, calibrations), {@code cycle} (a project's stages
 * to registration), {@code period} (monitoring periods from closing to issuance, on chain),
 * {@code allocation} (who receives the issued credits, Article 6.2 status). Pages: {@code
 * resources/ui}.
 */
package io.solarmrv.creation;
