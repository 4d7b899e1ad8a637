package io.stackgate.audit.reports.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.stackgate.audit.reports.Column;
import io.stackgate.audit.reports.ReportTable;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A PDF for people to read and file: A4 landscape, a header in Chinese and English with the report, its filters, when
 * it was made and the audit chain's head, then the table, each column as wide as its widest cell (smaller type when
 * the table is wide). At most {@code maxRows} rows, held to measure them (the header says when there were more: CSV
 * and XLSX hold them all).
 */
public final class PdfExport {

    private static final float MARGIN = 36;
    private static final float TITLE_SIZE = 14;
    private static final float TEXT_SIZE = 8;
    private static final float LEADING = 11;
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private final PdfFonts fonts;
    private final int maxRows;

    public PdfExport(PdfFonts fonts, int maxRows) {
        this.fonts = fonts;
        this.maxRows = maxRows;
    }

    public void write(ReportTable table, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PdfFonts.Loaded loaded = fonts.load(document);
            try {
                new Pages(document, loaded.font()).write(table, maxRows);
                document.save(out);
            } finally {
                loaded.source().close();
            }
        }
    }

    /** Writes lines top to bottom, starting a page when one is full; columns as wide as their widest cell. */
    private static final class Pages {

        private static final float MIN_SIZE = 4.5f;
        private static final float GAP = 6;

        private final PDDocument document;
        private final PDType0Font font;
        private PDPageContentStream content;
        private float y;
        private float size = TEXT_SIZE;
        private float[] widths;
        private final Map<Integer, Boolean> glyphs = new java.util.HashMap<>();

        Pages(PDDocument document, PDType0Font font) {
            this.document = document;
            this.font = font;
        }

        void write(ReportTable table, int maxRows) throws IOException {
            String[] headings = table.columns().stream().map(Column::header).toArray(String[]::new);
            List<String[]> rows = new ArrayList<>();
            boolean[] more = {false};
            table.rows().each(values -> {
                if (rows.size() == maxRows) {
                    more[0] = true;
                    return;
                }
                String[] cells = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    cells[i] = printable(Cells.text(values[i]));
                }
                rows.add(cells);
            });
            layout(headings, rows);
            newPage();
            text("Stackgate 报表 Report: " + table.name().id(), TITLE_SIZE);
            y -= 6;
            Map<String, String> facts = Headers.facts(table);
            text("筛选 Filters: " + String.join("; ", table.filter().describe().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()), TEXT_SIZE);
            text("生成时间 Generated at: " + facts.get("generatedAt"), TEXT_SIZE);
            text("审计链头 Audit chain head: " + facts.get("chainHead"), TEXT_SIZE);
            if (more[0]) {
                text("仅前 " + maxRows + " 行 Only the first " + maxRows + " rows: the CSV and XLSX exports hold all", TEXT_SIZE);
            }
            y -= LEADING / 2;
            row(headings);
            for (String[] cells : rows) {
                if (y < MARGIN + LEADING) {
                    newPage();
                    row(headings);
                }
                row(cells);
            }
            content.close();
        }

        /** Each column as wide as its widest cell; a smaller size, then cut cells, when they do not fit the page. */
        private void layout(String[] headings, List<String[]> rows) throws IOException {
            float[] natural = new float[headings.length];
            for (int i = 0; i < headings.length; i++) {
                natural[i] = font.getStringWidth(headings[i]) / 1000;
            }
            for (String[] cells : rows) {
                for (int i = 0; i < cells.length; i++) {
                    natural[i] = Math.max(natural[i], font.getStringWidth(cells[i]) / 1000);
                }
            }
            float available = PAGE.getWidth() - 2 * MARGIN - GAP * headings.length;
            float total = 0;
            for (float width : natural) {
                total += width;
            }
            size = Math.max(MIN_SIZE, Math.min(TEXT_SIZE, available / Math.max(total, 1)));
            widths = new float[headings.length];
            float scale = Math.min(1, available / Math.max(total * size, 1));
            for (int i = 0; i < headings.length; i++) {
                widths[i] = natural[i] * size * scale;
            }
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private void text(String text, float textSize) throws IOException {
            if (y < MARGIN + LEADING) {
                newPage();
            }
            show(MARGIN, text, textSize);
            y -= textSize == TITLE_SIZE ? TITLE_SIZE + 4 : LEADING;
        }

        private void row(String[] cells) throws IOException {
            float x = MARGIN;
            for (int i = 0; i < cells.length; i++) {
                String cell = fit(cells[i], widths[i]);
                if (!cell.isEmpty()) {
                    show(x, cell, size);
                }
                x += widths[i] + GAP;
            }
            y -= Math.max(size + 2, 7);
        }

        /** The text with what the font cannot show as {@code ?} (PDFBox refuses a glyph the font lacks). */
        private String printable(String text) {
            StringBuilder shown = new StringBuilder(text.length());
            text.codePoints().forEach(point -> {
                if (point == '\r' || point == '\n' || point == '\t') {
                    shown.append(' ');
                } else if (glyphs.computeIfAbsent(point, this::hasGlyph)) {
                    shown.appendCodePoint(point);
                } else {
                    shown.append('?');
                }
            });
            return shown.toString();
        }

        private boolean hasGlyph(int point) {
            try {
                font.encode(new String(Character.toChars(point)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        private void show(float x, String text, float textSize) throws IOException {
            text = printable(text);
            content.beginText();
            content.setFont(font, textSize);
            content.newLineAtOffset(x, y - textSize);
            content.showText(text);
            content.endText();
        }

        /** The text cut (with an ellipsis) to fit the width at the table's size. */
        private String fit(String text, float width) throws IOException {
            if (font.getStringWidth(text) / 1000 * size <= width + 0.01f) {
                return text;
            }
            int end = text.length();
            while (end > 0 && font.getStringWidth(text.substring(0, end) + "…") / 1000 * size > width) {
                end--;
            }
            return text.substring(0, end) + "…";
        }
    }
}
