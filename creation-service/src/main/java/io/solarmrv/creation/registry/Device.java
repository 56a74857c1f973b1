package io.solarmrv.creation.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A metered device at a site, read by one gateway. {@code accuracyClass} is the meter's class as its
 * standard names it (IEC 62053-21/22, e.g. {@code 1} or {@code 0.5S}); a verifier checks it against
 * the methodology's requirement. Its {@code kind} says what it measures, and so its {@link Role} in a
 * methodology's computation: an {@code inverter} (its own AC energy counter) or a {@code meter} on
 * the PV output measure generation; a {@code site-meter} is the grid connection meter (import and
 * export); a {@code battery} stores energy; a {@code chiller} is metered equipment. A battery, and
 * only a battery, has {@code capacityWh}, its rated capacity from its specification: the most it can
 * hold, which EN-R-002's battery rule withholds ({@code BatteryEnergy} in attestation).
 */
@Serdeable
public record Device(String id, String siteId, String gatewayId, String kind, String meterSerial, Long nameplateW,
                     String accuracyClass, Long capacityWh) {
    public static final List<String> KINDS = List.of("inverter", "meter", "site-meter", "battery", "chiller");

    /** What a device's readings are to a methodology. */
    public enum Role {
        /** PV generation: an inverter's counter or a meter on the PV output. */
        GENERATION,
        /** The site's grid connection: its export register is what left the site. */
        SITE,
        /** Energy storage at the site. */
        BATTERY,
        /** Metered equipment (e.g. a chiller's consumption). */
        EQUIPMENT
    }

    public Role role() {
        return switch (kind) {
            case "inverter", "meter" -> Role.GENERATION;
            case "site-meter" -> Role.SITE;
            case "battery" -> Role.BATTERY;
            case "chiller" -> Role.EQUIPMENT;
            default -> throw new IllegalStateException("device " + id + " has kind '" + kind + "', not one of " + KINDS);
        };
    }

    /** Throws {@link IllegalArgumentException} naming the first field that is wrong. */
    void check() {
        checkId("id", id);
        checkId("siteId", siteId);
        checkId("gatewayId", gatewayId);
        if (kind == null || !KINDS.contains(kind)) {   // List.of(...).contains(null) throws: a missing kind was a 500
            throw new IllegalArgumentException("'kind' must be one of " + String.join(", ", KINDS) + ", was '" + kind + "'");
        }
        if (meterSerial == null || meterSerial.isBlank() || meterSerial.length() > 64) {
            throw new IllegalArgumentException("'meterSerial' must be 1-64 characters");
        }
        if (nameplateW == null || nameplateW <= 0) {
            throw new IllegalArgumentException("'nameplateW' must be a positive number of watts, was " + nameplateW);
        }
        if (accuracyClass == null || !accuracyClass.matches("[0-9]+(\\.[0-9]+)?S?")) {
            throw new IllegalArgumentException("'accuracyClass' must be a meter class such as 1, 0.5S or 0.2S, was '"
                    + accuracyClass + "'");
        }
        if ("battery".equals(kind) && (capacityWh == null || capacityWh <= 0)) {
            throw new IllegalArgumentException("a battery needs 'capacityWh', its rated capacity in Wh (> 0), was " + capacityWh);
        }
        if (!"battery".equals(kind) && capacityWh != null) {
            throw new IllegalArgumentException("'capacityWh' is a battery's rated capacity; device " + id + " is a " + kind);
        }
    }

    static void checkId(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("'" + field + "' must be 1-64 letters, digits, '.', '_', ':' or '-', was '"
                    + value + "'");
        }
    }
}
