/**
 * The creation service: projects ({@link io.solarmrv.creation.ProjectController}) and their
 * monitoring reports ({@link io.solarmrv.creation.ReportService}), computed from the stream job's
 * results with {@link io.solarmrv.attestation.JcmSolarPv}.
 */
package io.solarmrv.creation;
