package io.stackgate.audit.reports.exports;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font PDF exports embed, which must have CJK glyphs: the configured file, else the first installed of the
 * known ones. Noto Sans CJK (Debian's {@code fonts-noto-cjk}) is an OpenType collection with CFF outlines, which
 * PDFBox 3 does not embed as a Type 0 font; WenQuanYi Zen Hei ({@code fonts-wqy-zenhei}) has TrueType outlines and
 * embeds — so a file that cannot be embedded is passed over for the next.
 */
public final class PdfFonts {

    /** Tried in order when no font is configured. */
    public static final List<String> KNOWN = List.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

    private final List<String> candidates;

    /** @param configured the configured font file, or null for the known ones */
    public PdfFonts(String configured) {
        this.candidates = configured == null || configured.isBlank() ? KNOWN : List.of(configured);
    }

    /** A font loaded into the document, and what to close once the document is saved. */
    public record Loaded(PDType0Font font, String file, Closeable source) {
    }

    /** @throws IllegalStateException naming every file tried when none is there or none embeds */
    public Loaded load(PDDocument document) {
        List<String> tried = new ArrayList<>();
        for (String path : candidates) {
            File file = new File(path);
            if (!file.isFile()) {
                tried.add(path + " (missing)");
                continue;
            }
            try {
                return load(document, file);
            } catch (IOException | RuntimeException e) {
                tried.add(path + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalStateException("no CJK font for PDF reports: set stackgate.reports.pdf-font to a TrueType "
                + "font file (e.g. install fonts-wqy-zenhei); tried " + String.join(", ", tried));
    }

    private static Loaded load(PDDocument document, File file) throws IOException {
        if (file.getName().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(file);
            try {
                TrueTypeFont face = simplifiedChinese(collection);
                refuseCff(face);
                return new Loaded(PDType0Font.load(document, face, true), file.getPath(), collection);
            } catch (IOException | RuntimeException e) {
                collection.close();
                throw e;
            }
        }
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file));
        try {
            refuseCff(font);
            return new Loaded(PDType0Font.load(document, font, true), file.getPath(), font);
        } catch (IOException | RuntimeException e) {
            font.close();
            throw e;
        }
    }

    /** PDFBox loads a CFF-outlined font as a Type 0 font but fails when it subsets it ("no glyf table"): refused here. */
    private static void refuseCff(TrueTypeFont font) throws IOException {
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            throw new IOException("OpenType with CFF outlines, which PDFBox cannot embed");
        }
    }

    /** The collection's Simplified Chinese face (its name says {@code SC}), else its first. */
    private static TrueTypeFont simplifiedChinese(TrueTypeCollection collection) throws IOException {
        TrueTypeFont[] chosen = {null};
        collection.processAllFonts(font -> {
            String name = font.getName() == null ? "" : font.getName().toLowerCase(Locale.ROOT);
            if (chosen[0] == null || (name.contains("sc") && name.contains("cjk") && !name.contains("mono"))) {
                if (chosen[0] == null || !chosen[0].getName().toLowerCase(Locale.ROOT).contains("cjksc")) {
                    chosen[0] = font;
                }
            }
        });
        if (chosen[0] == null) {
            throw new IOException("the collection holds no font");
        }
        return chosen[0];
    }
}
