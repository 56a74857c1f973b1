package io.solarmrv.creation.report;

import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.MonitoringReport.AnchoredCheckpoint;
import io.solarmrv.creation.MonitoringReport.DeviceEnergy;
import io.solarmrv.creation.MonitoringReport.IntervalEnergy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A report version as a PDF for the record, in English or Japanese: what the report is and the
 * hash on chain, the figures, energy over the period (all meters), each meter's energy,
 * exclusions, completeness and quality flags, the Monitoring Report Sheet's rows, and the
 * anchored checkpoints the readings rest on.
 */
public final class MonitoringReportPdf {
    private static final float[] DEVICE_COLUMNS = {110, 62, 62, 62, 62, 153};

    private MonitoringReportPdf() {
    }

    /** Writes the PDF of {@code report} set in the TrueType {@code font} (see {@link ReportFont}). */
    public static void write(OutputStream out, MonitoringReport report, MonitoringSheet sheet, Path font) throws IOException {
        boolean ja = sheet.language() == ReportLanguage.JA;
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle((ja ? "モニタリング報告書 " : "Monitoring report ") + report.projectId());
            info.setCreator("solar-mrv");
            try (PdfPages pages = new PdfPages(document, PDType0Font.load(document, font.toFile()),
                    "solar-mrv · " + report.projectId() + " · " + report.from() + " – " + report.to())) {
                pages.paragraph(report.selfConsumption() != null ? (ja ? "J-クレジット モニタリング報告書 (EN-R-002)"
                        : "J-Credit monitoring report (EN-R-002)") : ja ? "モニタリング報告書" : "Monitoring report", 18, 0);
                pages.space(4);
                for (MonitoringSheet.Heading line : sheet.heading()) {
                    pages.paragraph(line.label() + ": " + line.value(), 9, 0);
                }
                pages.paragraph((ja ? "モニタリング期間: " : "Monitoring period: ") + report.from() + " – " + report.to(), 9, 0);
                pages.paragraph(ja ? "すべての数値は署名済み読み取り値から計算され、証明バンドルと mrv verify で再計算できる。"
                        : "Every figure is computed from signed readings and can be recomputed from the proof bundle with mrv verify.", 8, 0);
                figures(pages, report, ja);
                chart(pages, report, ja);
                devices(pages, report, ja);
                sheetRows(pages, sheet);
                checkpoints(pages, report.checkpoints(), ja);
            }
            document.save(out);
        }
    }

    private static void figures(PdfPages pages, MonitoringReport report, boolean ja) throws IOException {
        pages.heading(ja ? "数値" : "Figures");
        float[] widths = {300, PdfPages.WIDTH - 300};
        MonitoringReport.SelfConsumption self = report.selfConsumption();
        String factor = report.emissionFactorTco2PerMwh().toPlainString() + " tCO2/MWh";
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of(ja ? "計量した発電量" : "Metered generation", report.totalEnergyKwh().toPlainString() + " kWh"));
        rows.add(List.of(ja ? "品質フラグにより除外" : "Excluded for quality flags", kwh(report.excludedEnergyWh()) + " kWh"));
        rows.add(List.of(ja ? "クレジット対象の発電量 (EG)" : "Credited generation (EG)", report.creditedEnergyKwh().toPlainString() + " kWh"));
        if (self != null) {
            rows.add(List.of(ja ? "逆潮流量 (全サイトメーター)" : "Exported (all site meters)", kwh(self.exportWh()) + " kWh"));
            for (MonitoringReport.BatteryTerm battery : self.batteries()) {
                rows.add(List.of((ja ? "蓄電池 " : "Battery ") + battery.deviceId() + (ja ? " (充電 − 放電 + 定格容量)"
                        : " (charge - discharge + capacity)"), kwh(battery.chargeWh()) + " - " + kwh(battery.dischargeWh()) + " + "
                        + kwh(battery.capacityWh()) + " = " + kwh(battery.withheldWh()) + " kWh"));
            }
            rows.add(List.of(ja ? "自家消費量 (EL_self)" : "Self-consumed (EL_self)", kwh(self.selfConsumedWh()) + " kWh"));
            rows.add(List.of((ja ? "排出係数 (" : "Emission factor (") + "FY" + self.fiscalYear() + ")", factor));
        } else {
            rows.add(List.of(ja ? "排出係数 (EF_RE)" : "Emission factor (EF_RE)", factor));
        }
        rows.add(List.of(ja ? "排出削減量 (ER_p)" : "Emission reductions (ER_p)", report.emissionReductionsTco2().toPlainString() + " tCO2"));
        rows.add(List.of(ja ? "クレジット (切り捨て)" : "Credits (rounded down)", report.creditsTco2() + " tCO2"));
        for (List<String> row : rows) {
            pages.row(row, widths, 9);
        }
        pages.paragraph(ja ? "除外の規則: " + report.exclusionRule() : "Exclusion rule: " + report.exclusionRule(), 7, 0);
        if (self != null) {
            pages.paragraph((ja ? "逆潮流と自家消費の規則: " : "Export and self-consumption rule: ") + self.exportRule(), 7, 0);
        }
    }

    private static void chart(PdfPages pages, MonitoringReport report, boolean ja) throws IOException {
        boolean hourly = report.intervalSeconds() == 3_600;
        pages.heading(hourly ? (ja ? "UTC 1 時間ごとの発電量 (全メーター)" : "Energy per UTC hour (all meters)")
                : (ja ? "UTC 1 日ごとの発電量 (全メーター)" : "Energy per UTC day (all meters)"));
        Map<Instant, Long> sums = new TreeMap<>();
        for (DeviceEnergy device : report.devices()) {
            for (IntervalEnergy interval : device.intervals()) {
                sums.merge(interval.start(), interval.energyWh(), Long::sum);
            }
        }
        double[] values = sums.values().stream().mapToDouble(Long::doubleValue).toArray();
        if (values.length == 0) {
            pages.paragraph(ja ? "この期間の読み取り値はない。" : "No readings in this period.", 9, 0);
            return;
        }
        double peak = sums.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Instant> starts = List.copyOf(sums.keySet());
        pages.bars(values, starts.get(0).toString(), starts.get(starts.size() - 1).toString(), 90);
        pages.paragraph((ja ? "最大 " : "Peak ") + kwh((long) peak) + " kWh", 7, 0);
    }

    private static void devices(PdfPages pages, MonitoringReport report, boolean ja) throws IOException {
        pages.heading(ja ? "メーターごとの発電量" : "Energy per meter");
        long expected = intervalsIn(report.from(), report.to(), report.intervalSeconds());
        pages.row(ja ? List.of("デバイス", "計量 kWh", "除外 kWh", "対象 kWh", "完全性", "品質フラグ (件数)")
                : List.of("Device", "Metered kWh", "Excluded kWh", "Credited kWh", "Complete", "Quality flags (readings)"),
                DEVICE_COLUMNS, 8);
        for (DeviceEnergy device : report.devices()) {
            long withReadings = device.intervals().stream().filter(i -> i.readings() > 0).count();
            pages.row(List.of(device.deviceId(), device.energyKwh().toPlainString(), kwh(device.excludedEnergyWh()),
                    kwh(device.creditedEnergyWh()), withReadings + " / " + expected,
                    (device.qualityFlags().isEmpty() ? "-" : device.qualityFlags().toString())
                            + (device.qualityTags().isEmpty() ? "" : (ja ? "; タグ " : "; tags ") + device.qualityTags())), DEVICE_COLUMNS, 8);
        }
        pages.paragraph(ja ? "完全性: 読み取り値のある" + (report.intervalSeconds() == 3_600 ? "時間" : "日") + "数 / 期間内の数"
                : "Complete: " + (report.intervalSeconds() == 3_600 ? "hours" : "days") + " with at least one reading / in the period", 7, 0);
    }

    private static void sheetRows(PdfPages pages, MonitoringSheet sheet) throws IOException {
        pages.heading(sheet.title());
        List<String> columns = sheet.columns();
        for (MonitoringSheet.Row row : sheet.rows()) {
            List<Object> cells = row.cells();
            pages.paragraph(row.point() + " " + row.parameter() + " = " + row.value().toPlainString() + " " + row.unit(), 9, 0);
            for (int c : new int[] {3, 6, 7, 8, 9, 10}) {
                pages.paragraph(columns.get(c) + ": " + cells.get(c), 7.5f, 12);
            }
            pages.space(3);
        }
        pages.paragraph(columns.get(0) + ": " + (sheet.rows().isEmpty() ? "-" : sheet.rows().get(0).period()), 7.5f, 0);
    }

    private static void checkpoints(PdfPages pages, List<AnchoredCheckpoint> checkpoints, boolean ja) throws IOException {
        pages.heading(ja ? "チェーンに固定したチェックポイント" : "Checkpoints anchored on chain");
        if (checkpoints.isEmpty()) {
            pages.paragraph(ja ? "なし" : "None", 8, 0);
        }
        for (AnchoredCheckpoint checkpoint : checkpoints) {
            pages.paragraph((ja ? "ツリーサイズ " : "tree size ") + checkpoint.treeSize() + ", root " + checkpoint.root(), 7.5f, 0);
            pages.paragraph((ja ? "トランザクション " : "transaction ") + checkpoint.transactionHash() + (ja ? ", ブロック " : ", block ")
                    + checkpoint.blockNumber() + ", " + checkpoint.contractAddress(), 7.5f, 12);
        }
    }

    /**
     * How many breakdown intervals the period spans: the UTC hours starting in [from, to) grouped
     * by {@code intervalSeconds}, as the report's breakdown groups them.
     */
    static long intervalsIn(Instant from, Instant to, long intervalSeconds) {
        long hour = 3_600_000;
        long firstHour = MonitoringReport.hourStartAtOrAfter(from);
        long lastHour = MonitoringReport.hourStartAtOrAfter(to) - hour;
        if (lastHour < firstHour) {
            return 0;
        }
        long interval = intervalSeconds * 1000;
        return Math.floorDiv(lastHour, interval) - Math.floorDiv(firstHour, interval) + 1;
    }

    private static String kwh(long wh) {
        return java.math.BigDecimal.valueOf(wh).movePointLeft(3).toPlainString();
    }
}
