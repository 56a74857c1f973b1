/**
 * Data-quality flags for PV power series, evaluated in docs/QUALITY.md.
 *
 * <ul>
 * <li>{@link io.solarmrv.jobs.quality.QualityRules}: the rules, pure functions over arrays, with
 *     {@link io.solarmrv.jobs.quality.QualityThresholds} (documented defaults, changed by name);</li>
 * <li>{@link io.solarmrv.jobs.quality.QualityCsv}: {@code mrv qc} over a CSV file;</li>
 * <li>{@link io.solarmrv.jobs.quality.QualityProfiles} and {@link io.solarmrv.jobs.quality.DeviceQuality}:
 *     which devices the stream job checks, per project (nameplate, site, poll interval, thresholds);</li>
 * <li>{@link io.solarmrv.jobs.quality.DailyQualityFlags}: the stream job's stage that runs the rules
 *     over each device's solar days.</li>
 * </ul>
 */
package io.solarmrv.jobs.quality;
