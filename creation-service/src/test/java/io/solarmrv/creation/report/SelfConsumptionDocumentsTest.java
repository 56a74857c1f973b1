package io.solarmrv.creation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.creation.MonitoringReport;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An EN-R-002 report version as the J-Credit-style sheet and PDF, in both languages. */
class SelfConsumptionDocumentsTest {
    private static final Instant FROM = Instant.parse("2026-06-30T15:00:00Z");
    private static final Instant TO = FROM.plusSeconds(7200);

    private static MonitoringReport report() {
        MonitoringReport.BoundaryReading first = new MonitoringReport.BoundaryReading(1, FROM, 1_000, 0);
        MonitoringReport.BoundaryReading last = new MonitoringReport.BoundaryReading(3, TO, 11_000, 3);
        MonitoringReport.DeviceEnergy pv = new MonitoringReport.DeviceEnergy("pv-j", 10_000, new BigDecimal("10.000"), 0, List.of(),
                10_000, first, last, List.of(), Map.of());
        MonitoringReport.SiteExport site = new MonitoringReport.SiteExport("site-j", new MonitoringReport.BoundaryReading(0,
                FROM.minusSeconds(1200), 70_000, 5), 50_000, new MonitoringReport.BoundaryReading(2, TO.plusSeconds(1200), 72_000, 7),
                54_500, 4_500, null);
        return new MonitoringReport("p-jc", "EN-R-002 ver 3.0", FROM, TO, MonitoringReport.ENERGY_RULE, MonitoringReport.EXCLUSION_RULE,
                3_600, List.of(pv), 10_000, new BigDecimal("10.000"), 0, 10_000, new BigDecimal("10.000"), new BigDecimal("0.45"),
                new BigDecimal("0.002475"), 0, List.of(), new MonitoringReport.SelfConsumption("J-Credit EN-R-002", 2026, List.of(site),
                4_500, 5_500, MonitoringReport.EXPORT_RULE), new io.solarmrv.attestation.methodology.EmissionFactor(new BigDecimal("0.45"),
                java.time.LocalDate.of(2026, 4, 1), java.time.LocalDate.of(2027, 4, 1), "J-Credit FY2026 electricity factor (test)"));
    }

    @Test
    void theSheetStatesGenerationExportSelfConsumptionTheYearsFactorAndTheReductions() {
        MonitoringSheet sheet = MonitoringSheet.of(report(), 1, 1, "ab".repeat(32), Map.of("site-j", "JP-S1"),
                java.util.Set.of("pv-j"), ReportLanguage.EN);
        assertEquals("J-Credit monitoring report (EN-R-002)", sheet.title());
        assertEquals(List.of("EL_PV,pv-j", "EL_export,site-j", "EL_self", "CEF_FY2026", "EM_BL", "EM_PJ", "ER"),
                sheet.rows().stream().map(MonitoringSheet.Row::parameter).toList());
        assertEquals(List.of("0.010000", "0.004500", "0.005500", "0.45", "0.002475", "0", "0.002475"),
                sheet.rows().stream().map(r -> r.value().toPlainString()).toList());
        assertTrue(sheet.rows().get(1).source().contains("JP-S1"), "the site meter's serial from the registry");
        assertEquals("J-Credit FY2026 electricity factor (test) (effective 2026-04-01 2027-04-01)", sheet.rows().get(3).source(),
                "the factor's row names its source document and dates");
        assertTrue(sheet.rows().get(0).method().startsWith("Cumulative energy register of the inverter's own counter, standing in"
                + " for a revenue meter (it is not one)"), sheet.rows().get(0).method());
        MonitoringSheet metered = MonitoringSheet.of(report(), 1, 1, "ab".repeat(32), Map.of(), java.util.Set.of(), ReportLanguage.EN);
        assertTrue(metered.rows().get(0).method().startsWith("Cumulative energy register of the revenue meter"));
    }

    @Test
    void thePdfCarriesTheSameFiguresInEnglishAndJapanese() throws Exception {
        Map<ReportLanguage, List<String>> expected = Map.of(
                ReportLanguage.EN, List.of("J-Credit monitoring report (EN-R-002)", "Exported (all site meters) 4.500 kWh",
                        "Self-consumed (EL_self) 5.500 kWh", "Emission factor (FY2026) 0.45 tCO2/MWh", "EL_export,site-j = 0.004500 MWh"),
                ReportLanguage.JA, List.of("J-クレジット モニタリング報告書 (EN-R-002)", "自家消費量 (EL_self) 5.500 kWh", "逆潮流量 (全サイトメーター) 4.500 kWh"));
        for (ReportLanguage language : ReportLanguage.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MonitoringReportPdf.write(out, report(), MonitoringSheet.of(report(), 1, 1, "ab".repeat(32), Map.of(), java.util.Set.of(), language),
                    ReportFont.find(language, null).orElseThrow(() -> new AssertionError(ReportFont.missing(language))));
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(out.toByteArray())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
                for (String line : expected.get(language)) {
                    assertTrue(text.contains(line), language + " lacks '" + line + "':\n" + text);
                }
            }
        }
    }
}
