/**
 * A report version's documents for people ({@link io.solarmrv.creation.report.ReportDocumentController}):
 * the JCM Monitoring Report Sheet ({@link io.solarmrv.creation.report.MonitoringSheet}) as XLSX
 * and the report as a PDF for the record ({@link io.solarmrv.creation.report.MonitoringReportPdf}),
 * in English or Japanese ({@link io.solarmrv.creation.report.ReportLanguage}). The canonical JSON
 * and its claim, whose hash is on chain, stay with the period ({@code io.solarmrv.creation.period}).
 */
package io.solarmrv.creation.report;
