package io.solarmrv.creation.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a {@link MonitoringSheet} as an XLSX laid out like the JCM Monitoring Report Sheet: title,
 * heading lines, then the eleven columns from row 7 (index 6), monitored values as numbers.
 */
public final class MonitoringSheetXlsx {
    /** The row index of the column headers; the sheet's rows follow it. */
    public static final int HEADER_ROW = 6;

    private MonitoringSheetXlsx() {
    }

    public static void write(OutputStream out, MonitoringSheet content) throws IOException {
        Workbook workbook = new Workbook(out, "solar-mrv", "1.0");
        Worksheet sheet = workbook.newWorksheet(content.language() == ReportLanguage.JA ? "モニタリング報告シート" : "Monitoring Report Sheet");
        sheet.value(0, 0, content.title());
        sheet.style(0, 0).bold().set();
        for (int i = 0; i < content.heading().size(); i++) {
            sheet.value(1 + i, 0, content.heading().get(i).label());
            sheet.value(1 + i, 1, content.heading().get(i).value());
        }
        List<String> columns = content.columns();
        for (int c = 0; c < columns.size(); c++) {
            sheet.value(HEADER_ROW, c, columns.get(c));
            sheet.style(HEADER_ROW, c).bold().set();
            sheet.width(c, c == 3 || c >= 7 ? 48 : 18);
        }
        int row = HEADER_ROW + 1;
        for (MonitoringSheet.Row r : content.rows()) {
            List<Object> cells = r.cells();
            for (int c = 0; c < cells.size(); c++) {
                if (cells.get(c) instanceof BigDecimal number) {
                    sheet.value(row, c, number);
                } else {
                    sheet.value(row, c, (String) cells.get(c));
                }
            }
            row++;
        }
        workbook.finish();
    }
}
