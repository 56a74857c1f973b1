package io.solarmrv.creation.report;

import io.solarmrv.attestation.Sha256;
import io.solarmrv.creation.MonitoringReport;
import io.solarmrv.creation.Project;
import io.solarmrv.creation.period.Checklist;
import io.solarmrv.creation.period.Finding;
import io.solarmrv.creation.period.MonitoringPeriod;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A period's verification as a PDF for the record, in English or Japanese: the period and the
 * report verified (its claim hash on chain), the figures, the verifier's decision with the statement
 * as signed and its SHA-256 (what the chain holds), every checklist item with its outcome and
 * evidence, and every finding with its thread. Before the decision it is marked as a draft.
 */
public final class VerificationReportPdf {
    private static final float[] ITEM_COLUMNS = {PdfPages.WIDTH - 60, 60};

    private VerificationReportPdf() {
    }

    /** What the document shows: the period, its project, the submitted report (version 1), the checklist now and the findings. */
    public record Contents(Project project, MonitoringPeriod period, MonitoringReport submitted, Checklist checklist,
                           List<Finding> findings) {
    }

    /** Writes the PDF in {@code language}, set in the TrueType {@code font} (see {@link ReportFont}). */
    public static void write(OutputStream out, Contents contents, ReportLanguage language, Path font) throws IOException {
        boolean ja = language == ReportLanguage.JA;
        MonitoringPeriod period = contents.period();
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle((ja ? "検証報告書 " : "Verification report ") + period.projectId() + " #" + period.number());
            info.setCreator("solar-mrv");
            try (PdfPages pages = new PdfPages(document, PDType0Font.load(document, font.toFile()),
                    "solar-mrv · " + period.projectId() + " · " + (ja ? "期間 " : "period ") + period.number())) {
                pages.paragraph((ja ? "検証報告書" : "Verification report") + (period.decision() == null
                        ? (ja ? " (草案: 判定前)" : " (draft: no decision yet)") : ""), 18, 0);
                pages.space(4);
                Project project = contents.project();
                pages.paragraph((ja ? "プロジェクト: " : "Project: ") + project.id() + " · " + project.name(), 9, 0);
                pages.paragraph((ja ? "制度と方法論: " : "Scheme and methodology: ") + project.schemeOrDefault() + " · "
                        + project.methodology(), 9, 0);
                pages.paragraph((ja ? "モニタリング期間 " : "Monitoring period ") + period.number() + ": " + period.from() + " – "
                        + period.to() + " (UTC) · " + period.state(), 9, 0);
                pages.paragraph((ja ? "検証した報告 (第 1 版) のクレーム SHA-256: " : "Report verified (version 1), claim SHA-256: ")
                        + period.versions().get(0).claimSha256() + (ja ? " · チェーン上の期間 #" : " · chain period #")
                        + period.chainPeriodId(), 8, 0);
                figures(pages, contents.submitted(), ja);
                decision(pages, period, ja);
                checklist(pages, contents.checklist(), ja);
                findings(pages, contents.findings(), ja);
            }
            document.save(out);
        }
    }

    private static void figures(PdfPages pages, MonitoringReport report, boolean ja) throws IOException {
        pages.heading(ja ? "検証した数値" : "Figures verified");
        float[] widths = {300, PdfPages.WIDTH - 300};
        pages.row(List.of(ja ? "クレジット対象の発電量" : "Credited generation", report.creditedEnergyKwh().toPlainString() + " kWh"), widths, 9);
        pages.row(List.of(ja ? "排出削減量" : "Emission reductions", report.emissionReductionsTco2().toPlainString() + " tCO2"), widths, 9);
        pages.row(List.of(ja ? "クレジット (切り捨て)" : "Credits (rounded down)", report.creditsTco2() + " tCO2"), widths, 9);
    }

    private static void decision(PdfPages pages, MonitoringPeriod period, boolean ja) throws IOException {
        pages.heading(ja ? "判定" : "Decision");
        MonitoringPeriod.Decision decision = period.decision();
        if (decision == null) {
            pages.paragraph(ja ? "判定はまだない。" : "No decision has been taken yet.", 9, 0);
            return;
        }
        pages.paragraph((decision.approve() ? (ja ? "承認" : "Approved") : (ja ? "却下" : "Rejected")) + (ja ? " · 検証者 " : " by ")
                + decision.decidedBy() + (ja ? " · " : " at ") + decision.decidedAt(), 10, 0);
        pages.paragraph(ja ? "署名された所見 (指摘事項の引用を含む):" : "Statement as signed (with the findings cited):", 8, 0);
        for (String line : decision.statement().split("\n", -1)) {
            pages.paragraph(line.isEmpty() ? " " : line, 8, 12);
        }
        pages.paragraph((ja ? "所見の SHA-256 (チェーン上の判定が保持する): " : "Statement SHA-256 (held by the decision on chain): ")
                + HexFormat.of().formatHex(Sha256.hash(decision.statement().getBytes(StandardCharsets.UTF_8))), 7.5f, 0);
    }

    private static void checklist(PdfPages pages, Checklist checklist, boolean ja) throws IOException {
        pages.heading(ja ? "検証チェックリスト" : "Verification checklist");
        for (Checklist.Item item : checklist.items()) {
            // The evidence as a paragraph under its item: it names every failing meter, and may run over a page.
            pages.row(List.of(item.id() + " · " + (ja ? item.titleJa() : item.title()), item.outcome().name()), ITEM_COLUMNS, 8.5f);
            pages.paragraph((ja ? "根拠: " : "Evidence: ") + item.evidence(), 7, 12);
            pages.space(2);
        }
        long toPerson = checklist.items().stream().filter(i -> i.outcome() == Checklist.Outcome.VERIFIER).count();
        pages.paragraph(ja ? "機械で根拠を示した項目 " + (checklist.items().size() - toPerson) + "、検証者に委ねた項目 " + toPerson
                : (checklist.items().size() - toPerson) + " items evidenced by the machine, " + toPerson + " left to the verifier", 7, 0);
    }

    private static void findings(PdfPages pages, List<Finding> findings, boolean ja) throws IOException {
        pages.heading(ja ? "指摘事項 (CAR: 是正処置要求、CL: 明確化要求、FAR: 次回への申し送り)"
                : "Findings (CAR: corrective action request, CL: clarification request, FAR: forward action request)");
        if (findings.isEmpty()) {
            pages.paragraph(ja ? "指摘事項はない。" : "No findings were raised.", 9, 0);
        }
        for (Finding finding : findings) {
            pages.paragraph(finding.type() + " " + finding.number() + " · " + finding.state()
                    + (finding.checkId() == null ? "" : " · " + finding.checkId()) + " · sha256:" + finding.digest(), 9, 0);
            for (Finding.Entry entry : finding.thread()) {
                pages.paragraph(entry.step() + " · " + entry.by() + " · " + entry.at() + ": " + entry.text(), 8, 12);
            }
            pages.space(3);
        }
    }
}
