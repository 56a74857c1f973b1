package io.solarmrv.creation.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TrueType font a PDF report is set in, embedded as a subset. Japanese needs a font with its
 * glyphs: the one configured ({@code mrv.report.font}, env {@code MRV_REPORT_FONT}), else the IPA
 * Gothic that Debian's {@code fonts-ipafont-gothic} installs. English also accepts DejaVu Sans or
 * Liberation Sans. None found: the caller says so, never a report with missing characters.
 */
public final class ReportFont {
    static final List<Path> JAPANESE = List.of(
            Path.of("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
            Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
            Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
            Path.of("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"));

    static final List<Path> LATIN = List.of(
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"));

    private ReportFont() {
    }

    /** The font file for a language: the configured one (blank: none) first, then the known locations. */
    public static Optional<Path> find(ReportLanguage language, String configured) {
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.addAll(JAPANESE);
        if (language == ReportLanguage.EN) {
            candidates.addAll(LATIN);
        }
        return candidates.stream().filter(Files::isReadable).findFirst();
    }

    /** What to do when {@link #find} finds nothing. */
    public static String missing(ReportLanguage language) {
        return "no TrueType font " + (language == ReportLanguage.JA ? "with Japanese glyphs " : "")
                + "to set the PDF in: install Debian's fonts-ipafont-gothic (apt-get install fonts-ipafont-gothic) or set"
                + " MRV_REPORT_FONT to a .ttf file" + (language == ReportLanguage.JA ? " covering Japanese" : "");
    }
}
