package io.solarmrv.creation.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Writes text and simple bar charts down A4 pages, top to bottom, starting a new page when one is
 * full: wrapped paragraphs, table rows of fixed column widths, labelled bars. Characters the font
 * has no glyph for are written as '?' rather than failing the document.
 */
final class PdfPages implements AutoCloseable {
    static final float MARGIN = 42;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument document;
    private final PDFont font;
    private final String footer;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private PDPageContentStream page;
    private float y;
    private int pages;

    PdfPages(PDDocument document, PDFont font, String footer) {
        this.document = document;
        this.font = font;
        this.footer = footer;
    }

    /** A paragraph at {@code size} points, wrapped to the page width (indented by {@code indent}). */
    void paragraph(String text, float size, float indent) throws IOException {
        for (String line : wrap(printable(text), size, WIDTH - indent)) {
            room(size * 1.4f);
            write(line, MARGIN + indent, size);
            y -= size * 1.4f;
        }
    }

    /** A section heading: some space, then the text at 12 points. */
    void heading(String text) throws IOException {
        space(8);
        paragraph(text, 12, 0);
    }

    void space(float points) throws IOException {
        room(points);
        y -= points;
    }

    /** One table row: each cell wrapped inside its column; the row is as tall as its tallest cell. */
    void row(List<String> cells, float[] widths, float size) throws IOException {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            List<String> cell = wrap(printable(cells.get(c)), size, widths[c] - 4);
            wrapped.add(cell);
            lines = Math.max(lines, cell.size());
        }
        room(lines * size * 1.3f + 2);
        for (int line = 0; line < lines; line++) {
            float x = MARGIN;
            for (int c = 0; c < wrapped.size(); c++) {
                if (line < wrapped.get(c).size()) {
                    write(wrapped.get(c).get(line), x, size);
                }
                x += widths[c];
            }
            y -= size * 1.3f;
        }
        page.setLineWidth(0.3f);
        page.moveTo(MARGIN, y + size * 0.3f);
        page.lineTo(MARGIN + WIDTH, y + size * 0.3f);
        page.stroke();
        y -= 2;
    }

    /** Vertical bars scaled to the largest value, {@code height} points tall, with a label under the first and last. */
    void bars(double[] values, String firstLabel, String lastLabel, float height) throws IOException {
        room(height + 16);
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        float step = values.length == 0 ? 0 : WIDTH / values.length;
        float base = y - height;
        page.setNonStrokingColor(0.16f, 0.45f, 0.7f);
        for (int i = 0; i < values.length; i++) {
            float h = max == 0 ? 0 : (float) (values[i] / max * height);
            page.addRect(MARGIN + i * step, base, Math.max(step * 0.8f, 0.3f), h);
        }
        page.fill();
        page.setNonStrokingColor(0f, 0f, 0f);
        page.setLineWidth(0.5f);
        page.moveTo(MARGIN, base);
        page.lineTo(MARGIN + WIDTH, base);
        page.stroke();
        y = base - 9;
        write(printable(firstLabel), MARGIN, 7);
        String last = printable(lastLabel);
        write(last, MARGIN + WIDTH - textWidth(last, 7), 7);
        y -= 9;
    }

    /** Starts a new page if fewer than {@code points} are left on this one. */
    private void room(float points) throws IOException {
        if (page == null || y - points < MARGIN + 14) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        pages++;
        y = MARGIN;
        write(printable(footer + " · " + pages), MARGIN, 7);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void write(String text, float x, float size) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, y - size);
        page.showText(text);
        page.endText();
    }

    private float textWidth(String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Lines of at most {@code width} points: breaks at spaces, or anywhere in a word too long for a line (CJK text has no spaces). */
    private List<String> wrap(String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lastSpace = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                lastSpace = -1;
                continue;
            }
            line.appendCodePoint(cp);
            if (cp == ' ') {
                lastSpace = line.length() - 1;
            }
            if (textWidth(line.toString(), size) > width && line.length() > 1) {
                int cut = lastSpace > 0 ? lastSpace : line.length() - Character.charCount(cp);
                lines.add(line.substring(0, cut).stripTrailing());
                String rest = line.substring(lastSpace > 0 ? cut + 1 : cut);
                line.setLength(0);
                line.append(rest);
                lastSpace = -1;
            }
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text with each character the font cannot draw replaced by '?'. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean drawable = cp == '\n' || glyphs.computeIfAbsent(cp, this::drawable);
            out.appendCodePoint(drawable ? cp : '?');
        });
        return out.toString();
    }

    private boolean drawable(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (page != null) {
            page.close();
        }
    }
}
