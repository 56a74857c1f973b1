package io.solarmrv.attestation.methodology;

import io.solarmrv.attestation.methodology.Methodology.Formula;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The registry of methodologies: which versions this code computes, and which methodologies it
 * knows but refuses, with the reason. A project names one by its reference ({@code TH_AM001 Ver1.0});
 * anything not listed as supported is refused, so nothing is ever computed by another methodology's
 * formula. docs/METHODOLOGIES.md is the same list for people.
 */
public final class Methodologies {
    /** Every methodology version this code computes. */
    public static final List<Methodology> SUPPORTED = List.of(
            new Methodology("JCM", "TH_AM001", "1.0", "Installation of Solar PV System", Formula.PV_OUTPUT,
                    "https://www.jcm.go.jp/th-jp/methodologies/39", LocalDate.of(2016, 8, 23), "TH"),
            new Methodology("JCM", "MV_AM001", "1.0", "Displacement of Grid and Captive Genset Electricity by Solar PV System",
                    Formula.PV_OUTPUT, "https://www.jcm.go.jp/mv-jp/methodologies/19", LocalDate.of(2015, 3, 25), "MV"),
            new Methodology("JCM", "KE_AM002", "1.0", "Installation of Solar PV System", Formula.PV_OUTPUT,
                    "https://www.jcm.go.jp/ke-jp/methodologies/52", LocalDate.of(2017, 3, 23), "KE"),
            new Methodology("J-Credit", "EN-R-002", "3.0", "太陽光発電設備の導入 (installation of solar PV equipment)",
                    Formula.SELF_CONSUMED_PV, "https://japancredit.go.jp/ (J-Credit methodology list, EN-R-002)", null, "JP"));

    /** Methodologies a project may name that this code does not compute, and why. */
    private static final Map<String, String> NOT_COMPUTED = Map.of(
            "ID_AM017", "PV with storage batteries: its options for the displaced electricity (generation, charge and discharge"
                    + " \"as necessary depending on the selected option\") have not been checked against its text here; the"
                    + " battery terms exist (BatteryEnergy, a lower bound used under EN-R-002), not this methodology's equations",
            "KH_AM002", "it monitors the category of each day (grid or off-grid diesel), which is not recorded",
            "VN_AM007", "it credits the PV electricity consumed or sold, a monitoring parameter other than the AC output",
            "TH_AM005", "chillers (RE = EC_PJ x COP_PJ / COP_RE x EF, PE = EC_PJ x EF) are not computed from signed readings yet",
            "ID_AM004", "chillers (RE = EC_PJ x COP_PJ / COP_RE x EF, PE = EC_PJ x EF) are not computed from signed readings yet");

    /** {@code <id> Ver<version>}; also {@code ver 3.0} and {@code Ver.3.0}. */
    private static final Pattern REFERENCE = Pattern.compile("([A-Z]{2}_AM[0-9]{3}|EN-[A-Z]-[0-9]{3})\\s*ver\\.?\\s*([0-9]+(?:\\.[0-9]+)*)",
            Pattern.CASE_INSENSITIVE);

    private Methodologies() {
    }

    /** What a reference names: a methodology version this code computes, or why it is refused. */
    public sealed interface Resolution {
        /** The supported methodology, or the exception {@code refusal} makes of the reason. */
        default <X extends Exception> Methodology orElseThrow(java.util.function.Function<String, X> refusal) throws X {
            if (this instanceof Refused refused) {
                throw refusal.apply(refused.reason());
            }
            return ((Supported) this).methodology();
        }

        /** The supported methodology, or empty if it is refused. */
        default java.util.Optional<Methodology> supported() {
            return this instanceof Supported supported ? java.util.Optional.of(supported.methodology()) : java.util.Optional.empty();
        }

        /** A supported methodology version. */
        record Supported(Methodology methodology) implements Resolution {
        }

        /** Not computed here; the reason says why and what is supported. */
        record Refused(String reason) implements Resolution {
        }
    }

    /**
     * The host country's calendar of a claim's methodology ({@link Methodology#zone()}), in which a
     * period's days are counted (sampled device-days, calibration coverage); UTC for a claim naming
     * none this system computes.
     */
    public static java.time.ZoneId calendarOf(String reference) {
        return reference == null ? java.time.ZoneOffset.UTC
                : resolve(reference).supported().map(Methodology::zone).orElse(java.time.ZoneOffset.UTC);
    }

    public static Resolution resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            return new Resolution.Refused("the methodology is required: name the approved methodology and its version, e.g. "
                    + SUPPORTED.get(0).reference() + "; supported: " + supportedList());
        }
        Matcher parts = REFERENCE.matcher(reference.strip());
        if (!parts.matches()) {
            return new Resolution.Refused("'" + reference + "' is not a methodology reference: name the approved methodology"
                    + " and its version, e.g. " + SUPPORTED.get(0).reference() + "; supported: " + supportedList());
        }
        String id = parts.group(1).toUpperCase(Locale.ROOT);
        String version = parts.group(2).contains(".") ? parts.group(2) : parts.group(2) + ".0";
        for (Methodology methodology : SUPPORTED) {
            if (methodology.id().equals(id) && methodology.version().equals(version)) {
                return new Resolution.Supported(methodology);
            }
        }
        if (NOT_COMPUTED.containsKey(id)) {
            return new Resolution.Refused(id + " is not computed by this system: " + NOT_COMPUTED.get(id)
                    + "; supported: " + supportedList());
        }
        List<String> versions = SUPPORTED.stream().filter(m -> m.id().equals(id)).map(Methodology::reference).toList();
        if (!versions.isEmpty()) {
            return new Resolution.Refused(id + " Ver" + version + " is not a version this system computes (it computes "
                    + String.join(", ", versions) + "); a new version is added once its text has been checked");
        }
        return new Resolution.Refused(id + " is not a methodology this system computes; supported: " + supportedList());
    }

    private static String supportedList() {
        return SUPPORTED.stream().map(m -> m.reference() + " (" + m.scheme() + ")").collect(Collectors.joining(", "));
    }
}
