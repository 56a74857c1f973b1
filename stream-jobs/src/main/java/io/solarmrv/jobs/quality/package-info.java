/**
 * Data-quality flags for PV power series ({@link io.solarmrv.jobs.quality.QualityRules}) and
 * {@code mrv qc} over CSV files ({@link io.solarmrv.jobs.quality.QualityCsv}); evaluated in
 * docs/QUALITY.md.
 */
package io.solarmrv.jobs.quality;
